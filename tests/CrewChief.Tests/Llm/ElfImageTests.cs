using CrewChief.Native;

namespace CrewChief.Tests.Llm;

public sealed class ElfImageTests
{
    private static string HostBinary()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("ELF check is Linux-only.");
        return Environment.ProcessPath!;
    }

    [Fact]
    public void TryValidate_WholeBinary_True()
    {
        Assert.True(ElfImage.TryValidate(HostBinary(), out string? problem), problem);
    }

    [Fact]
    public void TryValidate_TruncatedCopy_FalseInsteadOfSigbus()
    {
        byte[] bytes = File.ReadAllBytes(HostBinary());
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
            Assert.False(ElfImage.TryValidate(path, out string? problem));
            Assert.Contains("truncated", problem);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Text.RegularExpressions;

namespace CrewChief.Tests;

/// <summary>
/// Every C# file declares the namespace its folder says: the project's RootNamespace plus the folders below the
/// project, so tests and benchmarks mirror src. The style rule for this (IDE0130, dotnet_style_namespace_match_folder)
/// is not reported by command-line builds of this SDK (dotnet/sdk#39742), so the suite checks it instead.
/// </summary>
public partial class NamespaceLayoutTests
{
    [Theory]
    [InlineData("src/CrewChief")]
    [InlineData("src/CrewChief.Engine")]
    [InlineData("src/CrewChief.Native")]
    [InlineData("src/CrewChief.Tools")]
    [InlineData("tests/CrewChief.Tests")]
    [InlineData("bench/CrewChief.Bench")]
    public void Namespace_MatchesFolder(string project)
    {
        string dir = Path.Combine(SharedData.RepoRoot, project);
        string csproj = Directory.GetFiles(dir, "*.csproj").Single();
        string root = RootNamespace().Match(File.ReadAllText(csproj)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(root), $"{csproj} sets no RootNamespace");

        var wrong = new List<string>();
        int checkedFiles = 0;
        foreach (string file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(dir, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) continue;
            Match declared = Declaration().Match(File.ReadAllText(file));
            if (!declared.Success) continue;
            string folder = Path.GetDirectoryName(relative)!.Replace('/', '.');
            string expected = folder.Length == 0 ? root : $"{root}.{folder}";
            checkedFiles++;
            if (declared.Groups[1].Value != expected) wrong.Add($"{project}/{relative}: {declared.Groups[1].Value}, expected {expected}");
        }
        Assert.True(checkedFiles > 0, $"no C# files under {dir}");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [GeneratedRegex(@"<RootNamespace>([\w.]+)</RootNamespace>")]
    private static partial Regex RootNamespace();

    [GeneratedRegex(@"^namespace ([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Declaration();
}

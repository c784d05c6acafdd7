using CrewChief.Native.OpenAl;

namespace CrewChief.Tests.Playback;

public class OpenAlLoaderTests
{
    [Fact]
    public void TryLoadLibrary_NothingFound_OneLineNamingCandidatesLoaderAndFix()
    {
        string[] candidates = ["libcrewchief-no-such-openal.so.1", "crewchief-no-such-openal.dll"];
        Assert.False(OpenAl.TryLoadLibrary(candidates, out nint lib, out _, out string? error));
        Assert.Equal(0, lib);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\r', error);
        Assert.Contains("libcrewchief-no-such-openal.so.1", error);
        Assert.Contains("crewchief-no-such-openal.dll", error);
        Assert.Contains("install", error);
        TestContext.Current.SendDiagnosticMessage(error);
    }

    [Fact]
    public void TryInitialize_OnThisMachine_LoadsOrSaysWhyInOneLine()
    {
        if (OpenAl.TryInitialize(out string error))
        {
            Assert.NotNull(OpenAl.LoadedFrom);
            Assert.True(OpenAl.IsInitialized);
        }
        else
        {
            Assert.DoesNotContain('\n', error);
            Assert.StartsWith("OpenAL Soft not found", error);
        }
    }
}

using CrewChief.Config;
using CrewChief.Events;

namespace CrewChief.Tests.Config;

public class EngineConfigTests
{
    [Fact]
    public void RepoDefaultFile_LoadsWithoutWarnings()
    {
        string path = Path.Combine(SharedData.RepoRoot, "crewchief.toml");
        var config = EngineConfig.Load(path);
        Assert.Empty(config.Warnings);
        Assert.Equal(Verbosity.Full, config.Verbosity);
        Assert.Null(config.ModelPath);
        Assert.Equal(700, config.LlmDeadlineMs);
        Assert.EndsWith("logs", config.LogDir);
    }

    [Fact]
    public void UnknownKey_Warns_AndRelativePathsResolveAgainstTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("cc-config").FullName;
        string path = Path.Combine(dir, "crewchief.toml");
        File.WriteAllText(path, "[speech]\nvoice = \"voices/a.onnx\"\ncolour = \"red\"\n");
        var config = EngineConfig.Load(path);
        Assert.Equal(Path.Combine(dir, "voices", "a.onnx"), config.VoicePath);
        var warning = Assert.Single(config.Warnings);
        Assert.Contains("speech.colour", warning);
    }

    [Fact]
    public void WrongType_And_OutOfRange_AreInputErrors()
    {
        var config = new EngineConfig();
        var e1 = Assert.Throws<InputException>(() => config.Apply(TomlDocument.Parse("[llm]\ngpu_layers = \"all\"\n"), "f.toml"));
        Assert.Equal("f.toml:2:14: llm.gpu_layers must be a whole number.", e1.Message);
        var e2 = Assert.Throws<InputException>(() => config.Apply(TomlDocument.Parse("[engine]\nverbosity = \"chatty\"\n"), "f.toml"));
        Assert.Contains("expected full, medium or low", e2.Message);
        var e3 = Assert.Throws<InputException>(() => config.Apply(TomlDocument.Parse("[playback]\nvolume = 9\n"), "f.toml"));
        Assert.Contains("between 0 and 4", e3.Message);
    }
}

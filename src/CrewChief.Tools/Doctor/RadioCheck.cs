using CrewChief.Config;
using CrewChief.Native.OpenAl;
using CrewChief.Native.PocketSphinx;
using CrewChief.Radio;

namespace CrewChief.Tools.Doctor;

/// <summary>The two-way radio's lines in `crewchief doctor`: the recogniser and its model, and the microphone.</summary>
public static class RadioCheck
{
    /// <summary>PocketSphinx's line: whether it loads with its model, and whether the radio uses it.</summary>
    public static SetupFinding Recogniser(EngineConfig config)
    {
        if (!config.RadioEnabled) return new("radio", SetupLevel.Ok, "off ([radio] enabled = false)", null);
        if (config.RadioRecogniser == RecogniserChoice.Windows)
            return new("radio", SetupLevel.Ok, "PocketSphinx not used ([radio] recogniser = \"windows\")", null);
        string fix = OperatingSystem.IsWindows()
            ? "put pocketsphinx.dll beside the exe and its model in pocketsphinx\\en-us\\, or use Windows' recogniser; HTTP questions work"
            : "apt-get install libpocketsphinx3 pocketsphinx-en-us (scripts/setup.sh); HTTP questions work without it";
        if (!PocketSphinxLibrary.TryInitialize(out string error)) return new("radio", SetupLevel.Warn, "PocketSphinx unusable: " + error, fix);
        string folder = config.RadioModel ?? PocketSphinxRecogniser.DefaultModelFolder;
        if (!Directory.Exists(Path.Combine(folder, "en-us")) || !File.Exists(Path.Combine(folder, "cmudict-en-us.dict")))
            return new("radio", SetupLevel.Warn, $"PocketSphinx unusable: {folder} lacks en-us/ or cmudict-en-us.dict", fix);
        return new("radio", SetupLevel.Ok, $"PocketSphinx {(PocketSphinxLibrary.IsModernApi ? "5" : "5prealpha")} ({PocketSphinxLibrary.LoadedFrom}), model {folder}: in use", null);
    }

    /// <summary>
    /// Windows' built-in recogniser's line: on Windows it is loaded (with the grammar) to prove it works; elsewhere
    /// one line saying it is Windows-only. A Warn only where it is the recogniser the radio would fall back to.
    /// </summary>
    public static SetupFinding WindowsRecogniser(EngineConfig config)
    {
        const string name = "radio-win";
        if (!config.RadioEnabled) return new(name, SetupLevel.Ok, "off ([radio] enabled = false)", null);
        if (!OperatingSystem.IsWindows()) return new(name, SetupLevel.Ok, "Windows' built-in recogniser: Windows only (not on this OS)", null);
        if (config.RadioRecogniser == RecogniserChoice.PocketSphinx)
            return new(name, SetupLevel.Ok, "Windows' built-in recogniser not used ([radio] recogniser = \"pocketsphinx\")", null);
        using var sapi = WindowsSpeechRecogniser.TryCreate(null, out string error);
        if (sapi is null)
            return new(name, SetupLevel.Warn, $"Windows' built-in recogniser unusable: {error}",
                "on Windows: add English speech recognition in Settings > Time & language > Speech; under Wine there is none (PocketSphinx or HTTP questions)");
        bool inUse = config.RadioRecogniser == RecogniserChoice.Windows || !PocketSphinxUsable(config);
        return new(name, SetupLevel.Ok, $"Windows' built-in recogniser (SAPI 5) loads the grammar{(inUse ? ": in use" : ": usable (PocketSphinx comes first)")}", null);
    }

    private static bool PocketSphinxUsable(EngineConfig config)
    {
        string folder = config.RadioModel ?? PocketSphinxRecogniser.DefaultModelFolder;
        return PocketSphinxLibrary.TryInitialize(out _) && Directory.Exists(Path.Combine(folder, "en-us"));
    }

    public static SetupFinding Microphone(EngineConfig config)
    {
        if (config.MicWav is not null) return new("microphone", SetupLevel.Ok, $"questions from {config.MicWav}", null);
        if (!OpenAlCaptureDevice.TryListInputs(out var names, out string? defaultName, out string error))
            return new("microphone", SetupLevel.Warn, error, "install OpenAL Soft (scripts/setup.sh)");
        if (names.Count == 0)
            return new("microphone", SetupLevel.Warn, "OpenAL found no input device: voice questions off", "plug in a headset, or ask over HTTP ([radio] http_port)");
        string ptt = config.PushToTalk is null ? "; no push-to-talk set" : $"; push-to-talk {config.PushToTalk}";
        return new("microphone", config.PushToTalk is null ? SetupLevel.Warn : SetupLevel.Ok, $"{config.MicName ?? defaultName ?? names[0]} ({names.Count} input(s)){ptt}",
            config.PushToTalk is null ? "set [radio] push_to_talk (e.g. \"joystick:0:4\" or \"voice\")" : null);
    }
}

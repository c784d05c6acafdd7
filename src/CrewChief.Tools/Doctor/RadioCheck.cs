using CrewChief.Config;
using CrewChief.Native.OpenAl;
using CrewChief.Native.PocketSphinx;
using CrewChief.Radio;

namespace CrewChief.Tools.Doctor;

/// <summary>The two-way radio's lines in `crewchief doctor`: the recogniser and its model, and the microphone.</summary>
public static class RadioCheck
{
    public static SetupFinding Recogniser(EngineConfig config)
    {
        if (!config.RadioEnabled) return new("radio", SetupLevel.Ok, "off ([radio] enabled = false)", null);
        string fix = OperatingSystem.IsWindows()
            ? "voice questions need a recogniser (the Windows one is not wired yet); HTTP questions work"
            : "apt-get install libpocketsphinx3 pocketsphinx-en-us (scripts/setup.sh); HTTP questions work without it";
        if (!PocketSphinxLibrary.TryInitialize(out string error)) return new("radio", SetupLevel.Warn, "no voice input: " + error, fix);
        string folder = config.RadioModel ?? PocketSphinxRecogniser.DefaultModelFolder;
        if (!Directory.Exists(Path.Combine(folder, "en-us")) || !File.Exists(Path.Combine(folder, "cmudict-en-us.dict")))
            return new("radio", SetupLevel.Warn, $"no voice input: {folder} lacks en-us/ or cmudict-en-us.dict", fix);
        return new("radio", SetupLevel.Ok, $"PocketSphinx {(PocketSphinxLibrary.IsModernApi ? "5" : "5prealpha")} ({PocketSphinxLibrary.LoadedFrom}), model {folder}", null);
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

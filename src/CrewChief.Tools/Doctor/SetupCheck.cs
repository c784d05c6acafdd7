using CrewChief.Config;
using CrewChief.Native.Llama;
using CrewChief.Native.Onnx;
using CrewChief.Native.Espeak;
using CrewChief.Playback;
using CrewChief.Speech;
using CrewChief.Pipeline;

namespace CrewChief.Tools.Doctor;

/// <summary>
/// Checks everything the engine loads before a race: native engines, model, voice, audio device, GPU. Each check
/// is independent and never throws: a failure is a finding with the fix, because the engine itself would run on
/// without that stage.
/// </summary>
public static class SetupCheck
{
    public static List<SetupFinding> Run(EngineConfig config)
    {
        var list = new List<SetupFinding>();
        foreach (string w in config.Warnings) list.Add(new("config", SetupLevel.Warn, w, "remove or correct the key in crewchief.toml"));

        if (EspeakLibrary.TryInitialize(out string espeakError))
            list.Add(new("espeak-ng", SetupLevel.Ok, $"espeak-ng {EspeakLibrary.Version} ({EspeakLibrary.DataPath})", null));
        else
            list.Add(new("espeak-ng", SetupLevel.Fail, espeakError, OperatingSystem.IsWindows()
                ? "put libespeak-ng.dll and espeak-ng-data\\ from espeak-ng's .msi beside crewchief.exe (README-WINDOWS.txt, step 2)" : "apt-get install libespeak-ng1 espeak-ng-data"));

        if (OnnxRuntimeLibrary.TryInitialize(out string ortError))
            list.Add(new("onnxruntime", SetupLevel.Ok, $"ONNX Runtime {OnnxRuntimeLibrary.Version} ({OnnxRuntimeLibrary.LoadedFrom}); providers {string.Join(", ", OnnxRuntimeLibrary.AvailableProviders())}", null));
        else
            list.Add(new("onnxruntime", SetupLevel.Fail, ortError, "run scripts/natives.sh (or put onnxruntime.dll beside the exe)"));

        string? voice = config.VoicePath ?? SpeechVoices.FindVoice(SpeechVoices.DefaultVoiceFolders);
        if (voice is null)
            list.Add(new("voice", SetupLevel.Warn, "no Piper voice: espeak-ng's built-in voice will speak", OperatingSystem.IsWindows()
                ? "put a Piper voice (NAME.onnx + NAME.onnx.json) in voices\\ (README-WINDOWS.txt, step 3)" : "put NAME.onnx + NAME.onnx.json in voices/ or pass --voice"));
        else if (!File.Exists(voice) || !File.Exists(voice + ".json"))
            list.Add(new("voice", SetupLevel.Fail, $"{voice}: missing {(File.Exists(voice) ? "its .onnx.json" : "the model file")}", "check [speech] voice in crewchief.toml or --voice"));
        else
            list.Add(new("voice", SetupLevel.Ok, voice, null));

        if (LlamaLibrary.TryInitialize(out string llamaError))
        {
            list.Add(new("llama.cpp", SetupLevel.Ok, $"llama.cpp {LlamaLibrary.NativeVersion} ({LlamaLibrary.Folder}); devices: {LlamaLibrary.Devices}", null));
            list.Add(LlamaLibrary.HasGpu
                ? new("gpu", SetupLevel.Ok, "CUDA backend loaded: layers will be offloaded", null)
                : new("gpu", SetupLevel.Warn, "LLM on the CPU" + (LlamaLibrary.GpuUnavailableReason is { } why ? $" ({why})" : ""),
                    "for GPU offload install the CUDA build (CREWCHIEF_LLAMA_FLAVOR=cuda scripts/natives.sh) and an NVIDIA driver"));
        }
        else list.Add(new("llama.cpp", SetupLevel.Fail, llamaError, "run scripts/natives.sh; without it callouts stay deterministic (template-only)"));

        if (config.ModelPath is null)
            list.Add(new("model", SetupLevel.Warn, "no LLM model: deterministic callouts only (always grounded)", "put a GGUF in models/ and set [llm] model or --model"));
        else if (!File.Exists(config.ModelPath))
            list.Add(new("model", SetupLevel.Fail, $"{config.ModelPath}: not found", "check [llm] model in crewchief.toml or --model"));
        else
            list.Add(new("model", LooksLikeGguf(config.ModelPath) ? SetupLevel.Ok : SetupLevel.Fail,
                LooksLikeGguf(config.ModelPath) ? config.ModelPath : $"{config.ModelPath}: not a GGUF file", LooksLikeGguf(config.ModelPath) ? null : "convert the model to GGUF"));
        if (config.LoraPath is not null && !File.Exists(config.LoraPath))
            list.Add(new("lora", SetupLevel.Fail, $"{config.LoraPath}: not found", "check [llm] lora or --lora"));

        if (config.WavOut is not null)
            list.Add(new("audio", SetupLevel.Ok, $"writing to {config.WavOut}", null));
        else if (OutputDevices.TryList(out var names, out string? defaultName, out string audioError))
        {
            if (names.Count == 0) list.Add(new("audio", SetupLevel.Warn, "OpenAL found no output device: callouts go to a WAV file", "plug in headphones or pass --out FILE.wav"));
            else if (config.DeviceName is { } wanted && !Contains(names, wanted))
                list.Add(new("audio", SetupLevel.Fail, $"device '{wanted}' not found (have: {string.Join(", ", names)})", "pick one from 'crewchief devices'"));
            else list.Add(new("audio", SetupLevel.Ok, $"{config.DeviceName ?? defaultName ?? names[0]} ({names.Count} device(s))", null));
        }
        else list.Add(new("audio", SetupLevel.Fail, audioError, OperatingSystem.IsWindows() ? "put OpenAL Soft's bin\\Win64\\soft_oal.dll beside crewchief.exe (README-WINDOWS.txt, step 1)" : "apt-get install libopenal1"));

        list.Add(RadioCheck.Recogniser(config));
        list.Add(RadioCheck.WindowsRecogniser(config));
        list.Add(RadioCheck.Microphone(config));
        return list;
    }

    private static bool Contains(IReadOnlyList<string> names, string wanted)
    {
        foreach (string n in names) if (n.Contains(wanted, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool LooksLikeGguf(string path)
    {
        try
        {
            Span<byte> magic = stackalloc byte[4];
            using var f = File.OpenRead(path);
            return f.Read(magic) == 4 && magic.SequenceEqual("GGUF"u8);
        }
        catch (IOException)
        {
            return false;
        }
    }
}

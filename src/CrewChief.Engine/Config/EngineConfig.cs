using System.Globalization;
using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Config;

/// <summary>
/// Every setting of the engine, with its default. Loaded from crewchief.toml (keys documented there), then
/// overridden by command-line flags. Paths in the file are relative to the file's folder.
/// </summary>
public sealed class EngineConfig
{
    // [engine]
    public Verbosity Verbosity { get; set; } = Verbosity.Full;
    public Units Units { get; set; } = Units.Metric;
    public string LogDir { get; set; } = "logs";
    public bool TextOnly { get; set; }

    // [llm]
    public bool LlmEnabled { get; set; } = true;
    public string? ModelPath { get; set; }
    public string? LoraPath { get; set; }
    public int GpuLayers { get; set; } = -1;
    public int ContextSize { get; set; } = 2048;
    public int LlmThreads { get; set; }
    public int LlmDeadlineMs { get; set; } = 700;

    // [speech]
    public string? VoicePath { get; set; }
    public bool TtsGpu { get; set; }
    public bool PhraseCache { get; set; } = true;

    // [playback]
    public string? DeviceName { get; set; }
    public float Volume { get; set; } = 1f;
    public bool RadioBeep { get; set; } = true;
    public string? WavOut { get; set; }

    // [strategy]
    public float FuelReserveLitres { get; set; } = 1.0f;
    public int SpotterClearDelayMs { get; set; } = 150;

    // [dashboard]
    public bool DashboardEnabled { get; set; }
    public int DashboardPort { get; set; } = Dashboard.DashboardOptions.DefaultPort;
    public string DashboardBind { get; set; } = "127.0.0.1";

    // [history]
    public bool HistoryEnabled { get; set; } = true;
    /// <summary>The session database; null: history.db in the log folder.</summary>
    public string? HistoryPath { get; set; }
    // [radio]: the two-way radio.
    public bool RadioEnabled { get; set; } = true;
    public string? PushToTalk { get; set; }
    public string? MicName { get; set; }
    public string? MicWav { get; set; }
    public string? RadioModel { get; set; }
    public bool RadioClick { get; set; } = true;
    public int RadioHttpPort { get; set; }
    /// <summary>Which recogniser hears the driver: auto (PocketSphinx, else Windows' own on Windows), pocketsphinx, windows.</summary>
    public Radio.RecogniserChoice RadioRecogniser { get; set; }

    /// <summary>Lines to show the user about the file (unknown keys); the engine still runs.</summary>
    public List<string> Warnings { get; } = [];

    public static readonly string[] KnownKeys =
    [
        "engine.verbosity", "engine.units", "engine.log_dir", "engine.text_only",
        "llm.enabled", "llm.model", "llm.lora", "llm.gpu_layers", "llm.context", "llm.threads", "llm.deadline_ms",
        "speech.voice", "speech.gpu", "speech.phrase_cache",
        "playback.device", "playback.volume", "playback.radio_beep", "playback.out",
        "strategy.fuel_reserve_litres", "strategy.spotter_clear_delay_ms",
        "dashboard.enabled", "dashboard.port", "dashboard.bind",
        "history.enabled", "history.database",
        "radio.enabled", "radio.push_to_talk", "radio.mic", "radio.mic_wav", "radio.model", "radio.click", "radio.http_port", "radio.recogniser",
    ];

    /// <summary>Loads <paramref name="path"/>; a missing file gives the defaults (the exe may be run from anywhere).</summary>
    public static EngineConfig Load(string path)
    {
        var config = new EngineConfig();
        if (!File.Exists(path)) return config;
        config.Apply(TomlDocument.Load(path), path);
        return config;
    }

    /// <summary>Unknown keys named one by one; past this many the rest are counted in one line.</summary>
    private const int MaxUnknownKeyWarnings = 5;

    public void Apply(TomlDocument doc, string path)
    {
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        int unknownKeys = 0;
        foreach (string key in doc.Keys)
        {
            if (Array.IndexOf(KnownKeys, key) < 0 && unknownKeys++ < MaxUnknownKeyWarnings)
            {
                doc.TryGet(key, out var unknown);
                Warnings.Add($"{path}:{unknown.Line}: unknown key '{key}' ignored.");
            }
        }
        // A file full of junk keys is one problem, not a hundred thousand lines.
        if (unknownKeys > MaxUnknownKeyWarnings)
            Warnings.Add($"{path}: {unknownKeys - MaxUnknownKeyWarnings} more unknown keys ignored ({unknownKeys} in all); is this the right file?");

        Verbosity = Enum(doc, path, "engine.verbosity", Verbosity, ParseVerbosity);
        Units = Enum(doc, path, "engine.units", Units, ParseUnits);
        LogDir = PathValue(doc, path, baseDir, "engine.log_dir") ?? Path.Combine(baseDir, LogDir);
        TextOnly = Bool(doc, path, "engine.text_only", TextOnly);

        LlmEnabled = Bool(doc, path, "llm.enabled", LlmEnabled);
        ModelPath = PathValue(doc, path, baseDir, "llm.model") ?? ModelPath;
        LoraPath = PathValue(doc, path, baseDir, "llm.lora") ?? LoraPath;
        GpuLayers = (int)Int(doc, path, "llm.gpu_layers", GpuLayers, -1, 999);
        ContextSize = (int)Int(doc, path, "llm.context", ContextSize, 256, 131072);
        LlmThreads = (int)Int(doc, path, "llm.threads", LlmThreads, 0, 256);
        LlmDeadlineMs = (int)Int(doc, path, "llm.deadline_ms", LlmDeadlineMs, 50, 10000);

        VoicePath = PathValue(doc, path, baseDir, "speech.voice") ?? VoicePath;
        TtsGpu = Bool(doc, path, "speech.gpu", TtsGpu);
        PhraseCache = Bool(doc, path, "speech.phrase_cache", PhraseCache);

        DeviceName = Str(doc, path, "playback.device") is { Length: > 0 } device ? device : DeviceName;
        Volume = (float)Num(doc, path, "playback.volume", Volume, 0, 4);
        RadioBeep = Bool(doc, path, "playback.radio_beep", RadioBeep);
        WavOut = PathValue(doc, path, baseDir, "playback.out") ?? WavOut;

        FuelReserveLitres = (float)Num(doc, path, "strategy.fuel_reserve_litres", FuelReserveLitres, 0, 50);
        SpotterClearDelayMs = (int)Int(doc, path, "strategy.spotter_clear_delay_ms", SpotterClearDelayMs, 0, 2000);

        DashboardEnabled = Bool(doc, path, "dashboard.enabled", DashboardEnabled);
        DashboardPort = (int)Int(doc, path, "dashboard.port", DashboardPort, 0, 65535);
        DashboardBind = Str(doc, path, "dashboard.bind") is { Length: > 0 } bind ? bind : DashboardBind;

        HistoryEnabled = Bool(doc, path, "history.enabled", HistoryEnabled);
        HistoryPath = PathValue(doc, path, baseDir, "history.database") ?? HistoryPath;
        RadioEnabled = Bool(doc, path, "radio.enabled", RadioEnabled);
        PushToTalk = Str(doc, path, "radio.push_to_talk") is { Length: > 0 } ptt ? ptt : PushToTalk;
        if (PushToTalk is not null && !Radio.PushToTalkSpec.TryParse(PushToTalk, out _, out string pttError))
        {
            doc.TryGet("radio.push_to_talk", out var pv);
            throw Bad(path, pv, "radio.push_to_talk", pttError);
        }
        MicName = Str(doc, path, "radio.mic") is { Length: > 0 } mic ? mic : MicName;
        MicWav = PathValue(doc, path, baseDir, "radio.mic_wav") ?? MicWav;
        RadioModel = PathValue(doc, path, baseDir, "radio.model") ?? RadioModel;
        RadioClick = Bool(doc, path, "radio.click", RadioClick);
        RadioHttpPort = (int)Int(doc, path, "radio.http_port", RadioHttpPort, 0, 65535);
        RadioRecogniser = Enum(doc, path, "radio.recogniser", RadioRecogniser, ParseRecogniser);
    }

    public static Verbosity ParseVerbosity(string s) => s.ToLowerInvariant() switch
    {
        "full" => Verbosity.Full,
        "medium" => Verbosity.Medium,
        "low" => Verbosity.Low,
        _ => throw new FormatException("expected full, medium or low"),
    };

    public static Radio.RecogniserChoice ParseRecogniser(string s) =>
        Radio.SpeechRecognisers.TryParse(s, out var choice) ? choice : throw new FormatException("expected auto, pocketsphinx or windows");

    public static Units ParseUnits(string s) => s.ToLowerInvariant() switch
    {
        "metric" => Units.Metric,
        "imperial" => Units.Imperial,
        _ => throw new FormatException("expected metric or imperial"),
    };

    private static InputException Bad(string path, TomlValue v, string key, string what) =>
        new($"{path}:{v.Line}:{v.Column}: {key} {what}.");

    private static string? Str(TomlDocument doc, string path, string key)
    {
        if (!doc.TryGet(key, out var v)) return null;
        if (v.Kind != TomlKind.String) throw Bad(path, v, key, "must be text in quotes");
        return v.String;
    }

    private static string? PathValue(TomlDocument doc, string path, string baseDir, string key)
    {
        string? s = Str(doc, path, key);
        if (string.IsNullOrWhiteSpace(s)) return null;
        return Path.IsPathRooted(s) ? s : Path.GetFullPath(Path.Combine(baseDir, s));
    }

    private static bool Bool(TomlDocument doc, string path, string key, bool fallback)
    {
        if (!doc.TryGet(key, out var v)) return fallback;
        if (v.Kind != TomlKind.Boolean) throw Bad(path, v, key, "must be true or false");
        return v.Boolean;
    }

    private static long Int(TomlDocument doc, string path, string key, long fallback, long min, long max)
    {
        if (!doc.TryGet(key, out var v)) return fallback;
        if (v.Kind != TomlKind.Integer) throw Bad(path, v, key, "must be a whole number");
        if (v.Integer < min || v.Integer > max)
            throw Bad(path, v, key, $"must be between {min} and {max}, not {v.Integer}");
        return v.Integer;
    }

    private static double Num(TomlDocument doc, string path, string key, double fallback, double min, double max)
    {
        if (!doc.TryGet(key, out var v)) return fallback;
        if (v.Kind is not (TomlKind.Integer or TomlKind.Float)) throw Bad(path, v, key, "must be a number");
        if (v.Float < min || v.Float > max)
            throw Bad(path, v, key, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        return v.Float;
    }

    private static T Enum<T>(TomlDocument doc, string path, string key, T fallback, Func<string, T> parse)
    {
        string? s = Str(doc, path, key);
        if (s is null) return fallback;
        try
        {
            return parse(s);
        }
        catch (FormatException e)
        {
            doc.TryGet(key, out var v);
            throw Bad(path, v, key, $"is '{s}': {e.Message}");
        }
    }
}

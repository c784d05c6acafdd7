using CrewChief.Config;

namespace CrewChief.App.Commands;

/// <summary>
/// The engine flags shared by run, demo, replay and bench latency. The config file is read first
/// (--config PATH, else crewchief.toml beside the exe, else in the working folder), then flags override it.
/// </summary>
internal static class ConfigFlags
{
    public const string Usage = """
          --config PATH          settings file (default: crewchief.toml beside the exe)
          --voice PATH           Piper voice (.onnx with its .onnx.json beside it)
          --model PATH           GGUF language model; --no-llm to speak deterministic callouts only
          --lora PATH            LoRA adapter (GGUF) on top of the model
          --gpu-layers N         layers offloaded to the GPU (-1 all, 0 none)
          --device NAME          audio output device ('crewchief devices' lists them)
          --out FILE.wav         write what would be heard to a WAV file instead of a device
          --text-only            print callouts, never speak
          --verbosity LEVEL      full | medium | low
          --units UNITS          metric | imperial
          --log-dir DIR          where session logs go
          --dashboard            serve the live race page (http://127.0.0.1:8777/, /overlay for OBS)
          --dashboard-port N     its port (0: any free port)
          --no-history           neither read nor write the session database
          --history-db PATH      the session database (default: history.db in the log folder)
          --mic-wav FILE         two-way radio: ask once from this WAV instead of the microphone
        """;

    public static EngineConfig Load(CommandArgs args)
    {
        string? explicitPath = args.String("--config");
        EngineConfig config;
        if (explicitPath is not null)
        {
            if (InputFiles.Problem(explicitPath) is string problem) throw InputException.ForFile(explicitPath, $"{problem} (--config).");
            config = EngineConfig.Load(explicitPath);
        }
        else
        {
            string besideExe = Path.Combine(AppContext.BaseDirectory, "crewchief.toml");
            string inCwd = Path.GetFullPath("crewchief.toml");
            config = EngineConfig.Load(File.Exists(besideExe) ? besideExe : inCwd);
        }

        if (args.String("--voice") is { } voice) config.VoicePath = Path.GetFullPath(voice);
        if (args.String("--model") is { } model) config.ModelPath = Path.GetFullPath(model);
        if (args.String("--lora") is { } lora) config.LoraPath = Path.GetFullPath(lora);
        if (args.Integer("--gpu-layers") is { } layers) config.GpuLayers = layers;
        if (args.String("--device") is { } device) config.DeviceName = device;
        if (args.String("--out") is { } wav) config.WavOut = Path.GetFullPath(wav);
        if (args.Flag("--no-llm")) config.LlmEnabled = false;
        if (args.Flag("--text-only")) config.TextOnly = true;
        if (args.String("--verbosity") is { } verbosity) config.Verbosity = Parse(verbosity, "--verbosity", EngineConfig.ParseVerbosity);
        if (args.String("--units") is { } units) config.Units = Parse(units, "--units", EngineConfig.ParseUnits);
        if (args.String("--log-dir") is { } logDir) config.LogDir = Path.GetFullPath(logDir);
        if (args.Flag("--dashboard")) config.DashboardEnabled = true;
        if (args.Integer("--dashboard-port") is { } port)
        {
            if (port is < 0 or > 65535) throw new InputException($"--dashboard-port must be 0-65535, got {port}.");
            config.DashboardPort = port;
            config.DashboardEnabled = true;
        }
        if (args.Flag("--no-history")) config.HistoryEnabled = false;
        if (args.String("--history-db") is { } db) config.HistoryPath = Path.GetFullPath(db);
        if (args.String("--mic-wav") is { } micWav) config.MicWav = Path.GetFullPath(micWav);

        foreach (string warning in config.Warnings) Console.Error.WriteLine($"crewchief: {warning}");
        return config;
    }

    private static T Parse<T>(string value, string flag, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (FormatException e)
        {
            throw new InputException($"{flag} '{value}': {e.Message}.");
        }
    }
}

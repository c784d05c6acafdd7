namespace CrewChief.App.Commands;

/// <summary>The verbs of the exe. Each command lives in its own file; this table only routes.</summary>
internal static class CommandTable
{
    public static int Dispatch(string[] args)
    {
        string verb = args.Length == 0 ? "run" : args[0];
        var rest = new CommandArgs(args.Length == 0 ? [] : args[1..]);
        switch (verb)
        {
            case "run": return RunCommand.Run(rest);
            case "demo": return DemoCommand.Run(rest);
            case "replay": return ReplayCommand.Run(rest);
            case "inspect": return InspectCommand.Run(rest);
            case "eval": return EvalCommand.Run(rest);
            case "say": return SayCommand.Run(rest);
            case "phonemize": return PhonemizeCommand.Run(rest);
            case "devices": return DevicesCommand.Run(rest);
            case "doctor": return DoctorCommand.Run(rest);
            case "bench": return BenchCommand.Run(rest);
            case "export-training": return ExportTrainingCommand.Run(rest);
            case "dev": return DevCommand.Run(rest);
            case "--version":
            case "version":
                Console.WriteLine($"crewchief {typeof(CommandTable).Assembly.GetName().Version?.ToString(3)}");
                return 0;
            case "-h":
            case "--help":
            case "help":
                Console.WriteLine(Usage);
                return 0;
            default:
                throw new InputException($"unknown command '{verb}'. Try 'crewchief --help'.");
        }
    }

    public static string Usage => """
        crewchief - a real-time AI race engineer for iRacing

        usage: crewchief [command] [options]      (no command: run)

        """ + "\n" + RunCommand.Usage + "\n" + """
          demo [--minutes M] [--speed N | --fast] [--seed S] [--map FILE] [--json] [engine flags]
                               the built-in race (Lime Rock, 20 GT3 cars; 5-15 min, default 8) through the
                               live reader and the whole engine; spoken, or demo.wav without a device
          demo --as-sim [--speed N] [--minutes M] [--map FILE] [--restart-after S]
                               only the sim: publishes the race as iRacing does (Windows: its named map and
                               data-valid event) for a second process running 'crewchief run'; --restart-after
                               closes the sim after S race seconds and starts it again with a new layout
          replay FILE [--speed N | --fast] [--summary] [--json] [--tyres measured|estimate]
                               play an .ibt recording through the reader and the race brain
          replay RACE --car N [--speed N | --fast] [--summary] [--json] [--map FILE] [--as-sim [--restart-after S]]
                               a real race (WEC timing .csv, iRacing *_lap_chart.json) or a live .ndjson
                               recording through a live map and the whole engine, from car N's seat
          inspect FILE [--vars] [--yaml] [--json]
                               show what an .ibt or live-map dump holds
          eval [--cases FILE] [--json] [--llm MODEL [--llm-deadline-ms N] [--llm-threads N]]
                               score the callouts on an eval set (default eval/cases.jsonl); --llm scores
                               the guarded LLM path and counts its fallbacks by reason
          say "TEXT" [--voice PATH] [--out say.wav] [--tts-gpu] [--threads N] [--speaker N] [--split-clauses]
                               speak TEXT into a WAV file (Piper voice, else espeak-ng's built-in voice)
          phonemize "TEXT" --voice-config NAME.onnx.json [--ipa]
                               print Piper phoneme ids, one line per sentence
          devices [--test] [--device NAME]
                               list audio output devices; --test plays a tone on one
        """ + "\n" + DoctorCommand.Usage + "\n" + BenchCommand.Usage + "\n" + """
          export-training LOGS...
                               session logs -> {instruction, input, output} JSONL on stdout
          --version | --help

        engine flags (override crewchief.toml):
        """ + "\n" + ConfigFlags.Usage + "\n\ndeveloper tools:\n" + DevCommand.Usage;
}

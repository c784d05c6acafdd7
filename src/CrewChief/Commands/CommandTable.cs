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
            case "--version":
            case "version":
                Console.WriteLine($"crewchief {typeof(CommandTable).Assembly.GetName().Version?.ToString(3)}");
                return 0;
            case "dev":
                return DevCommand.Run(rest);
            case "demo":
                return DemoCommand.Run(rest);
            case "-h":
            case "--help":
            case "help":
                Console.WriteLine(Usage);
                return 0;
            case "doctor":
                return DoctorCommand.Run(rest);
            case "bench":
                return BenchCommand.Run(rest);
            case "run":
                return RunCommand.Run(rest);
            case "export-training":
                return ExportTrainingCommand.Run(rest);
            case "inspect":
                return InspectCommand.Run(rest);
            case "replay":
                return ReplayCommand.Run(rest);
            case "say":
                return SayCommand.Run(rest);
            case "phonemize":
                return PhonemizeCommand.Run(rest);
            case "eval":
                return EvalCommand.Run(rest);
            case "devices":
                return DevicesCommand.Run(rest);
            default:
                throw new InputException($"unknown command '{verb}'. Try 'crewchief --help'.");
        }
    }

    public const string Usage = """
        crewchief - a real-time AI race engineer for iRacing

        usage: crewchief [command] [options]

          (no command)         same as 'run'
          eval [--cases FILE] [--json] [--llm MODEL [--llm-deadline-ms N] [--llm-threads N]]
                               score the callout writer on an eval set (default eval/cases.jsonl);
                               --llm scores the guarded LLM path and counts its fallbacks by reason
          demo [--minutes M] [--speed N | --fast] [--seed S] [--map FILE] [--json]
                               run the built-in race (Lime Rock, 20 GT3 cars; 5-15 min, default 8)
                               into a live irsdk map (a temp file, or FILE, kept) and report each
                               situation as it happens
          --version            print the version
          --help               this text
          export-training LOGS...   session logs -> {instruction,input,output} JSONL on stdout
          inspect FILE [--vars] [--yaml] [--json]
                               show what an .ibt or live-map dump holds
          replay FILE [--speed N | --fast] [--summary] [--json]
                               play an .ibt recording through the engine
          say "TEXT"           speak TEXT into a WAV file (Piper voice, else espeak-ng built-in voice)
                               [--voice voices/NAME.onnx] [--out say.wav] [--tts-gpu] [--threads N] [--speaker N] [--split-clauses]
          phonemize "TEXT"     print Piper phoneme ids per sentence --voice-config NAME.onnx.json [--ipa]
          devices [--test] [--device NAME]
                               list audio output devices; --test plays a tone on one
        """ + "\n" + DevCommand.Usage;
}

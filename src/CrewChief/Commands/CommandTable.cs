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
            case "demo":
                return DemoCommand.Run(rest);
            case "-h":
            case "--help":
            case "help":
                Console.WriteLine(Usage);
                return 0;
            default:
                throw new InputException($"unknown command '{verb}'. Try 'crewchief --help'.");
        }
    }

    public const string Usage = """
        crewchief - a real-time AI race engineer for iRacing

        usage: crewchief [command] [options]

          (no command)         same as 'run'
          demo [--minutes M] [--speed N | --fast] [--seed S] [--map FILE] [--json]
                               run the built-in race (Lime Rock, 20 GT3 cars; 5-15 min, default 8)
                               into a live irsdk map (a temp file, or FILE, kept) and report each
                               situation as it happens
          --version            print the version
          --help               this text
        """;
}

using CrewChief.App.Commands;

namespace CrewChief.App;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Double-clicked from Explorer: no arguments means "run", and the window must stay open on an error
        // long enough to be read.
        bool doubleClicked = args.Length == 0;
        // Callouts carry °C and names in any script; the Windows console's OEM code page would print '?' for them.
        if (OperatingSystem.IsWindows()) Console.OutputEncoding = System.Text.Encoding.UTF8;
        int code;
        try
        {
            code = CommandTable.Dispatch(args);
        }
        catch (InputException e)
        {
            Console.Error.WriteLine($"crewchief: {OneLine(e.Message)}");
            code = ExitCodes.CannotGoOn;
        }
        catch (OperationCanceledException)
        {
            code = 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
                                     or System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            // An input problem no command turned into an InputException: still one line, never a stack trace.
            Console.Error.WriteLine($"crewchief: {OneLine(e.Message)}");
            code = ExitCodes.CannotGoOn;
        }
        if (doubleClicked && code != 0 && !Console.IsInputRedirected && !Console.IsOutputRedirected)
        {
            Console.Error.WriteLine("Press Enter to close.");
            Console.ReadLine();
        }
        return code;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}

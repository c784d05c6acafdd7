namespace CrewChief.Radio;

/// <summary>Which recogniser hears the driver (`[radio] recogniser`, `ask --recogniser`).</summary>
public enum RecogniserChoice { Auto, PocketSphinx, Windows }

/// <summary>
/// Picks and loads the recogniser: PocketSphinx (tested here) first; on Windows, when PocketSphinx is absent, the
/// built-in Windows recogniser. A named one is the only one tried. Failure is one line naming what each lacked.
/// </summary>
public static class SpeechRecognisers
{
    public static bool TryParse(string? text, out RecogniserChoice choice)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "" or "auto": choice = RecogniserChoice.Auto; return true;
            case "pocketsphinx": choice = RecogniserChoice.PocketSphinx; return true;
            case "windows" or "sapi": choice = RecogniserChoice.Windows; return true;
            default: choice = RecogniserChoice.Auto; return false;
        }
    }

    public static string Name(this RecogniserChoice choice) => choice switch
    {
        RecogniserChoice.PocketSphinx => "pocketsphinx",
        RecogniserChoice.Windows => "windows",
        _ => "auto",
    };

    /// <summary>The chosen recogniser, or null with one line in <paramref name="error"/>.</summary>
    public static ISpeechRecogniser? TryCreate(RecogniserChoice choice, string? pocketSphinxModel, IntentTable? table, out string error)
    {
        if (choice == RecogniserChoice.Windows) return WindowsSpeechRecogniser.TryCreate(table, out error);
        var sphinx = PocketSphinxRecogniser.TryCreate(pocketSphinxModel, table, out string sphinxError);
        if (sphinx is not null || choice == RecogniserChoice.PocketSphinx || !OperatingSystem.IsWindows())
        {
            error = sphinxError;
            return sphinx;
        }
        var windows = WindowsSpeechRecogniser.TryCreate(table, out string windowsError);
        error = windows is null ? $"PocketSphinx: {sphinxError.TrimEnd('.')}; Windows recogniser: {windowsError}" : "";
        return windows;
    }
}

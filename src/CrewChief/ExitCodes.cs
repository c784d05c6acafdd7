namespace CrewChief.App;

/// <summary>The exe's exit codes (documented in the README): scripts and the fault suite rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Done, or still running with what it has (fallbacks are reported on stderr, not in the code).</summary>
    public const int Ok = 0;
    /// <summary>A verdict, not an error: eval found an ungrounded reply.</summary>
    public const int Verdict = 1;
    /// <summary>Cannot go on: bad input, a missing or damaged file, a bad flag or config value, a failed doctor check.
    /// Always with one line on stderr naming the file and the fix.</summary>
    public const int CannotGoOn = 2;
    /// <summary>Stopped by Ctrl+C before the command finished.</summary>
    public const int Cancelled = 130;
}

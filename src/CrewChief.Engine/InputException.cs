namespace CrewChief;

/// <summary>
/// Bad input the user can fix: a missing or damaged file, a bad flag, a bad config value. The message is one line
/// that names the file (or flag) and what is wrong; the exe prints it without a stack trace and exits with code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }
    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Formats the conventional "path: problem" line.</summary>
    public static InputException ForFile(string path, string problem) => new($"{path}: {problem}");
}

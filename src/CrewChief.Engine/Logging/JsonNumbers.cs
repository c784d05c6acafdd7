using System.Text.Json;

namespace CrewChief.Logging;

/// <summary>
/// The one way every JSON writer here writes a floating-point number. JSON has no NaN or infinity and
/// Utf8JsonWriter throws on them, so a single corrupt value (a NaN fuel level in a damaged .ibt, SessionTime = +Inf
/// in a live map, a YAML number 1e999) would otherwise kill a summary or the session-log thread. Non-finite values
/// are written as null and counted, so the command can add one note saying so.
/// </summary>
public static class JsonNumbers
{
    /// <summary>Non-finite values written as null on this thread since the last <see cref="TakeNonFinite"/>. Per
    /// thread because each writer lives on one (a command's main thread, the session-log thread).</summary>
    [ThreadStatic] private static long s_nonFinite;

    /// <summary>Writes <paramref name="value"/> rounded to <paramref name="digits"/> (−1: as is), or null when it is NaN/±∞.</summary>
    public static void Write(Utf8JsonWriter w, string name, double value, int digits = -1)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Round(value, digits));
        else { s_nonFinite++; w.WriteNull(name); }
    }

    /// <inheritdoc cref="Write(Utf8JsonWriter, string, double, int)"/>
    public static void Write(Utf8JsonWriter w, JsonEncodedText name, double value, int digits = -1)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Round(value, digits));
        else { s_nonFinite++; w.WriteNull(name); }
    }

    /// <summary>Array element form of <see cref="Write(Utf8JsonWriter, string, double, int)"/>.</summary>
    public static void WriteValue(Utf8JsonWriter w, double value, int digits = -1)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(Round(value, digits));
        else { s_nonFinite++; w.WriteNullValue(); }
    }

    /// <summary>How many non-finite values were written as null since the last call; resets the count.</summary>
    public static long TakeNonFinite()
    {
        long n = s_nonFinite;
        s_nonFinite = 0;
        return n;
    }

    /// <summary>One note on <paramref name="error"/> when non-finite values were written since the last call.</summary>
    public static void NoteNonFinite(TextWriter error, string what)
    {
        long n = TakeNonFinite();
        if (n > 0) error.WriteLine($"crewchief: note: {what}: {n} value(s) that were not finite numbers (NaN or infinity) written as null; the input looks corrupt.");
    }

    private static double Round(double value, int digits) => digits < 0 ? value : Math.Round(value, Math.Min(digits, 15));
}

namespace CrewChief.Callouts;

/// <summary>
/// Reads the catalogs shipped inside the engine assembly. Manifest resources survive trimming and Native AOT,
/// unlike files beside the exe, so the single-file build carries its own knowledge.
/// </summary>
internal static class EmbeddedData
{
    /// <summary>The meaningful lines of a resource: trimmed, without blanks and '#' comments.</summary>
    public static List<string> ReadLines(string fileName)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        string resource = "CrewChief.Callouts.Data." + fileName;
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource '{resource}' is missing from the build");
        using var reader = new StreamReader(stream);
        var lines = new List<string>(256);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Lowercase letters and digits only: "Porsche 911 GT3 R (992)" → "porsche911gt3r992".</summary>
    public static string Normalise(ReadOnlySpan<char> s)
    {
        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        int n = 0;
        foreach (char c in s)
        {
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }
}

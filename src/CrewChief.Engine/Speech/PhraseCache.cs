using System.Collections.Concurrent;
using System.Text;

namespace CrewChief.Speech;

/// <summary>
/// Fixed phrases the spotter and critical calls need, synthesised once in the background after the voice loads so
/// they play with no synthesis latency. Looked up by normalised text (case, spacing and punctuation ignored), so
/// "Car left." and "car left" hit the same entry.
/// </summary>
public sealed class PhraseCache
{
    /// <summary>Spotter calls first (they are the most time-critical), then critical calls, then numbers 0–20.</summary>
    public static readonly IReadOnlyList<string> StandardPhrases = BuildStandardPhrases();

    /// <summary>Normalised text → float samples. Concurrent: the warming thread writes while the speech thread reads.</summary>
    private readonly ConcurrentDictionary<string, float[]> _clips = new(StringComparer.Ordinal);
    private Thread? _warmer;
    private volatile bool _stop;

    public int Count => _clips.Count;

    /// <summary>True once the background warm-up has finished (or was never started).</summary>
    public bool IsWarm => _warmer is null || !_warmer.IsAlive;

    /// <summary>Blocks until warming has finished; false on timeout.</summary>
    public bool WaitUntilWarm(TimeSpan timeout) => _warmer is null || _warmer.Join(timeout);

    public bool TryGet(string text, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out float[] samples) =>
        _clips.TryGetValue(Normalize(text), out samples);

    public void Add(string text, float[] samples) => _clips[Normalize(text)] = samples;

    /// <summary>
    /// Synthesises <paramref name="phrases"/> on a background thread below normal priority: it must never delay a
    /// live callout or the sim. Failures stop the warm-up quietly; uncached phrases are simply synthesised live.
    /// </summary>
    public void StartWarming(ISpeechSynthesizer synthesizer, IReadOnlyList<string> phrases)
    {
        if (_warmer is not null) return;
        _warmer = new Thread(() =>
        {
            foreach (string phrase in phrases)
            {
                if (_stop) return;
                try
                {
                    Add(phrase, synthesizer.SynthesizeAll(phrase));
                }
                catch (Exception e) when (e is InvalidDataException or InputException or ObjectDisposedException)
                {
                    return;
                }
            }
        })
        {
            Name = "crewchief-phrase-cache",
            IsBackground = true,
            Priority = ThreadPriority.BelowNormal,
        };
        _warmer.Start();
    }

    /// <summary>Asks the warm-up to stop and waits for the phrase in progress.</summary>
    public void StopWarming()
    {
        _stop = true;
        _warmer?.Join();
    }

    /// <summary>Lower case, letters and digits only, single spaces between words.</summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c == '-')
            {
                space = true;
            }
        }
        return sb.ToString();
    }

    private static List<string> BuildStandardPhrases()
    {
        var list = new List<string>
        {
            "Car left.", "Car right.", "Three wide.", "Clear.", "Clear left.", "Clear right.", "Still there.",
            "Two cars left.", "Two cars right.", "In the middle.",
            "Box this lap.", "Box, box.", "Yellow flag.", "Double yellow.", "Green flag.", "Blue flag.",
            "Safety car.", "Last lap.", "White flag.", "Checkered flag.", "Pit limiter.", "Fuel critical.",
            "Copy.", "Okay.",
        };
        for (int i = 0; i <= 20; i++) list.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        return list;
    }
}

using CrewChief.Logging;
using CrewChief.Pipeline;

namespace CrewChief.Dashboard;

/// <summary>One line of the live transcript: what was said, by whom, and what became of it.</summary>
public sealed record TranscriptEntry(long Seq, double SessionTime, string Kind, string Priority, string Text, string Source,
    string Guard, string Outcome, double TotalMs, string? LlmNote);

/// <summary>
/// The last callouts as the live page shows them. The director's threads add (a copy and a lock held for a few
/// instructions); the page's thread reads what is newer than the sequence number it last sent.
/// </summary>
public sealed class TranscriptFeed : ITranscriptTap
{
    public const int Capacity = 60;

    private readonly TranscriptEntry[] _ring = new TranscriptEntry[Capacity];
    private readonly Lock _gate = new();
    /// <summary>Sequence number of the newest entry; entry n sits at n % Capacity.</summary>
    private long _newest;

    public long Newest { get { lock (_gate) return _newest; } }

    public void OnUtterance(UtteranceRecord record)
    {
        lock (_gate)
        {
            long seq = ++_newest;
            _ring[seq % Capacity] = new TranscriptEntry(seq, record.SessionTime, record.Kind.ToString(),
                record.Priority.ToString(), record.Text, record.Source, record.GuardVerdict, record.Outcome,
                record.TotalMs, record.LlmNote);
        }
    }

    /// <summary>Entries newer than <paramref name="after"/>, oldest first (at most <see cref="Capacity"/>).</summary>
    public int CopySince(long after, List<TranscriptEntry> into)
    {
        into.Clear();
        lock (_gate)
        {
            long first = Math.Max(after + 1, _newest - Capacity + 1);
            for (long s = Math.Max(first, 1); s <= _newest; s++) into.Add(_ring[s % Capacity]);
            return into.Count;
        }
    }
}

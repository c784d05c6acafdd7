namespace CrewChief.Pipeline;

/// <summary>
/// Keeps the engine's memory flat over a long race. The steady-state garbage is small (a session-YAML re-parse
/// about once a lap, the strings of each callout, synthesised audio), so the workstation GC, whose gen0 budget
/// scales with the CPU's cache and whose large-object heap is only swept by a gen2 collection, lets the heap climb
/// for many minutes before a collection it considers worthwhile: 48.7 → 67.1 MB over a 15-minute race, all of it
/// collectable (a 24 MB hard heap limit runs the same race flat). A compacting full collection every half minute
/// returns it; a background (concurrent) one was measured not to (38 MB growth with speech). The pause is that of
/// a small heap; <see cref="LongestPauseMs"/> records it so the soak can report it.
/// </summary>
public sealed class MemoryTrim : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly Timer _timer;

    public MemoryTrim(TimeSpan interval) => _timer = new Timer(static _ => Trim(), null, interval, interval);

    /// <summary>Longest pause one trim caused (ms): the soak reports it; it must stay well below a 16 ms tick.</summary>
    public static double LongestPauseMs { get; private set; }

    private static void Trim()
    {
        var before = GC.GetTotalPauseDuration();
        // Synthesised audio lives in arrays on the large-object heap, which only a compacting full collection
        // gives back; without compaction its free space stays committed.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        double ms = (GC.GetTotalPauseDuration() - before).TotalMilliseconds;
        if (ms > LongestPauseMs) LongestPauseMs = ms;
        // The soak (bench/soak) sets this to see the managed heap apart from native memory.
        if (s_log)
            Console.Error.WriteLine($"crewchief: trim: managed heap {GC.GetTotalMemory(false) / 1048576.0:0.0} MB, committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:0.0} MB, pause {ms:0.0} ms; {Playback.Utterance.Unfinished} utterances unfinished holding {Playback.Utterance.UnfinishedBytes / 1048576.0:0.0} MB of audio");
    }

    private static readonly bool s_log = Environment.GetEnvironmentVariable("CREWCHIEF_TRIM_LOG") == "1";

    public void Dispose() => _timer.Dispose();
}

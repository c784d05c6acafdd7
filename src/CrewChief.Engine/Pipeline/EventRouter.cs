using CrewChief.Events;

namespace CrewChief.Pipeline;

/// <summary>
/// The hand-off from the tick thread to the director: two bounded lanes so a spotter or critical call never waits
/// behind routine ones. Both lanes drop their OLDEST entry when full: an event that has waited that long is stale
/// (and would expire anyway), while the newest reflects the car now. Posting never blocks and never allocates,
/// however far the director lags: both lanes are preallocated (<see cref="DropQueue{T}"/>). Dispose it after the
/// director has stopped (its owner, <see cref="RaceEngine"/>, does).
/// </summary>
public sealed class EventRouter : IDisposable
{
    private readonly DropQueue<RaceEvent> _urgent;
    private readonly DropQueue<RaceEvent> _routine;
    // One counting signal for both lanes lets the director wait without async machinery (no allocation per wait).
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private long _posted;

    /// <summary>Events posted so far.</summary>
    public long Posted => Interlocked.Read(ref _posted);

    public EventRouter(int urgentCapacity = 16, int routineCapacity = 32)
    {
        _urgent = new DropQueue<RaceEvent>(urgentCapacity);
        _routine = new DropQueue<RaceEvent>(routineCapacity);
    }

    /// <summary>Events dropped because the director fell behind.</summary>
    public long Dropped => _urgent.Dropped + _routine.Dropped;

    public static bool IsUrgent(Priority p) => p >= Priority.Critical;

    /// <summary>Tick thread: hands an event on.</summary>
    public void Post(in RaceEvent e)
    {
        Interlocked.Increment(ref _posted);
        var lane = IsUrgent(e.Priority) ? _urgent : _routine;
        lane.EnqueueDropOldest(e);
        _signal.Release();
    }

    /// <summary>Director thread: the next event, urgent lane first; false when cancelled.</summary>
    public bool TryTake(out RaceEvent e, CancellationToken cancel)
    {
        while (true)
        {
            if (TryTakeNow(out e)) return true;
            try
            {
                _signal.Wait(cancel);
            }
            catch (OperationCanceledException)
            {
                e = default;
                return false;
            }
        }
    }

    /// <summary>Something is waiting in either lane.</summary>
    public bool HasPending => _urgent.Count > 0 || _routine.Count > 0;

    /// <summary>Takes without waiting (used to drain at shutdown and by tests).</summary>
    public bool TryTakeNow(out RaceEvent e)
    {
        if (!_urgent.TryDequeue(out e) && !_routine.TryDequeue(out e)) return false;
        _signal.Wait(0); // keep the signal's count in step with the lanes
        return true;
    }

    /// <summary>After the director has stopped taking (the semaphore's wait handle, if one was made, is freed).</summary>
    public void Dispose() => _signal.Dispose();
}

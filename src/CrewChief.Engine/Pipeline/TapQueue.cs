using System.Diagnostics.CodeAnalysis;

namespace CrewChief.Pipeline;

/// <summary>
/// A side tap's inbox (the session log, the database): producers (the tick above all) write into a preallocated
/// <see cref="DropQueue{T}"/> and drop the newest when full, so a consumer stalled on its disk costs the tick neither
/// a wait nor a byte; one consumer thread waits on a plain signal. Unlike a channel's async wait, waking the consumer
/// queues no work item on the thread pool from the producer's thread.
/// </summary>
public sealed class TapQueue<T> : IDisposable
{
    private readonly DropQueue<T> _items;
    /// <summary>Released when the consumer may have something to read (at most one pending release at a time).</summary>
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    /// <summary>1 while a release is pending: a burst of writes wakes the consumer once, not once per item.</summary>
    private int _wakePending;
    private volatile bool _completed;

    public TapQueue(int capacity) => _items = new DropQueue<T>(capacity);

    /// <summary>Items refused because the consumer fell behind.</summary>
    public long Dropped => _items.Dropped;

    /// <summary>Any producer: adds the item, or drops it (counted) when full. Never waits, never allocates.</summary>
    public bool TryWrite(in T item)
    {
        if (_completed || !_items.TryEnqueue(item)) return false;
        Wake();
        return true;
    }

    /// <summary>No more items: the consumer drains what is there and then sees <see cref="IsCompleted"/>.</summary>
    public void Complete()
    {
        _completed = true;
        Wake();
    }

    /// <summary>Completed and drained: the consumer can stop.</summary>
    public bool IsCompleted => _completed && _items.Count == 0;

    /// <summary>Consumer: waits until something was written (true) or the timeout passed (false).</summary>
    public bool Wait(int timeoutMs)
    {
        bool woken = _wake.Wait(timeoutMs);
        // Cleared before the caller drains, so a write that lands after the drain's last look wakes it again.
        if (woken) Interlocked.Exchange(ref _wakePending, 0);
        return woken;
    }

    /// <summary>Consumer: takes the oldest item; false when empty.</summary>
    public bool TryRead([MaybeNullWhen(false)] out T item) => _items.TryDequeue(out item);

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _wake.Release();
    }

    /// <summary>After the consumer has stopped.</summary>
    public void Dispose() => _wake.Dispose();
}

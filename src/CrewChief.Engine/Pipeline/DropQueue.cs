using System.Diagnostics.CodeAnalysis;

namespace CrewChief.Pipeline;

/// <summary>
/// A bounded queue whose every slot exists from construction: the hand-off from the tick thread to a slower consumer
/// (the director, the session log, the database). A channel's buffer grows on the writer's thread the first time a
/// lagging consumer lets the backlog reach a new depth, so the tick used to allocate only when something else was
/// slow (a loaded machine, a stalled disk); here nothing on either side ever allocates, whatever the lag.
/// Lock-free (a sequence number per slot, after D. Vyukov's bounded MPMC queue), so a producer is never made to wait
/// by a consumer that was preempted, and no lock is ever inflated on the tick thread.
/// </summary>
public sealed class DropQueue<T>
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    /// <summary>Next position to write; only ever grows.</summary>
    private long _tail;
    /// <summary>Next position to read; only ever grows.</summary>
    private long _head;
    /// <summary>Items given up: refused when full (<see cref="TryEnqueue"/>) or evicted (<see cref="EnqueueDropOldest"/>).</summary>
    private long _dropped;

    private struct Slot
    {
        /// <summary>Equal to the position when the slot is free to write, position + 1 when it holds that item.</summary>
        public long Sequence;
        public T Item;
    }

    /// <param name="capacity">Rounded up to a power of two.</param>
    public DropQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new Slot[size];
        _mask = size - 1;
        for (int i = 0; i < size; i++) _slots[i].Sequence = i;
    }

    public int Capacity => _slots.Length;

    /// <summary>Items dropped so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Items waiting (a snapshot).</summary>
    public int Count => (int)Math.Clamp(Volatile.Read(ref _tail) - Volatile.Read(ref _head), 0, _slots.Length);

    /// <summary>Adds the item, or drops it (counted) when the queue is full: the backlog keeps its order.</summary>
    public bool TryEnqueue(in T item)
    {
        if (TryAdd(item)) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>
    /// Adds the item; when the queue is full the oldest is evicted (counted) to make room, since the newest reflects
    /// the car now. Never waits: should a consumer hold the oldest slot mid-read for a few tries, the new item is the
    /// one dropped instead.
    /// </summary>
    public void EnqueueDropOldest(in T item)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            if (TryAdd(item)) return;
            if (TryDequeue(out _)) Interlocked.Increment(ref _dropped);
        }
        Interlocked.Increment(ref _dropped);
    }

    private bool TryAdd(in T item)
    {
        long pos = Volatile.Read(ref _tail);
        while (true)
        {
            ref Slot slot = ref _slots[pos & _mask];
            long seq = Volatile.Read(ref slot.Sequence);
            if (seq == pos)
            {
                long seen = Interlocked.CompareExchange(ref _tail, pos + 1, pos);
                if (seen == pos)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, pos + 1);
                    return true;
                }
                pos = seen;
            }
            else if (seq < pos) return false; // the slot still holds an item a lap behind: full
            else pos = Volatile.Read(ref _tail);
        }
    }

    /// <summary>Takes the oldest item; false when empty.</summary>
    public bool TryDequeue([MaybeNullWhen(false)] out T item)
    {
        long pos = Volatile.Read(ref _head);
        while (true)
        {
            ref Slot slot = ref _slots[pos & _mask];
            long seq = Volatile.Read(ref slot.Sequence);
            if (seq == pos + 1)
            {
                long seen = Interlocked.CompareExchange(ref _head, pos + 1, pos);
                if (seen == pos)
                {
                    item = slot.Item;
                    slot.Item = default!; // a reference inside an item must not outlive it here
                    Volatile.Write(ref slot.Sequence, pos + _slots.Length);
                    return true;
                }
                pos = seen;
            }
            else if (seq < pos + 1)
            {
                item = default;
                return false; // empty (or a writer has claimed the slot and not yet filled it)
            }
            else pos = Volatile.Read(ref _head);
        }
    }
}

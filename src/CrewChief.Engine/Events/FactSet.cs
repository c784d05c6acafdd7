using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CrewChief.Events;

/// <summary>
/// Up to <see cref="Capacity"/> facts stored inline, so an event is a plain value that crosses a channel without
/// a heap allocation.
/// </summary>
public struct FactSet
{
    public const int Capacity = 8;

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private Fact _element0;
    }

    private Buffer _items;
    private int _count;

    public readonly int Count => _count;

    public readonly Fact this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) ThrowIndex();
            return _items[index];
        }
    }

    /// <summary>Adds or replaces a fact. Returns false (and drops it) when the set is full.</summary>
    public bool Set(FactKey key, double value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_items[i].Key == key)
            {
                _items[i] = new Fact(key, value);
                return true;
            }
        }
        if (_count == Capacity) return false;
        _items[_count++] = new Fact(key, value);
        return true;
    }

    public readonly bool TryGet(FactKey key, out double value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_items[i].Key == key)
            {
                value = _items[i].Value;
                return true;
            }
        }
        value = 0;
        return false;
    }

    public readonly bool Contains(FactKey key) => TryGet(key, out _);

    public readonly double GetOrDefault(FactKey key, double fallback = double.NaN) => TryGet(key, out var v) ? v : fallback;

    [DoesNotReturn]
    private static void ThrowIndex() => throw new ArgumentOutOfRangeException("index");
}

using System.Diagnostics;
using System.Text;
using CrewChief.Events;

namespace CrewChief.Callouts;

/// <summary>
/// Turns events into what the engineer says, from the facts alone: every number comes from a fact, every corner
/// from the track data, every system from the car's traits. Picks among several phrasings so the driver does
/// not hear the same sentence twice in a row; the choice is deterministic for a given seed. Runs per event
/// (a few times a lap), so a StringBuilder and two strings per callout are fine. Not thread-safe: one composer
/// per speaking pipeline.
/// </summary>
public sealed class CalloutComposer
{
    /// <summary>Hard cap on the written form; longer phrasings are skipped, a secondary clause is dropped.</summary>
    public const int MaxWords = 25;

    private readonly Phrasebook _phrases;
    /// <summary>Last phrasing used per event kind (index into the kind's list, -1 before the first).</summary>
    private readonly int[] _lastPhrase;
    private readonly StringBuilder _sb = new(256);
    private readonly StringBuilder _clause = new(128);
    /// <summary>Scratch for checking that a phrasing's placeholders can all be filled.</summary>
    private readonly StringBuilder _probe = new(128);
    private readonly List<int> _pool = new(8);
    private readonly List<int> _usable = new(8);
    private ulong _rng;

    public CalloutComposer(ulong seed = 0x5EED)
    {
        _phrases = Phrasebook.Default;
        _lastPhrase = new int[Enum.GetValues<EventKind>().Length];
        Array.Fill(_lastPhrase, -1);
        _rng = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
    }

    /// <summary>Speaks to one event.</summary>
    public Callout Compose(in RaceEvent e, CalloutContext ctx) => Compose([e], ctx);

    /// <summary>
    /// Speaks to the most important of <paramref name="events"/> (highest priority, first wins a tie) and, when
    /// it fits in <see cref="MaxWords"/>, adds a short clause for the next most important problem.
    /// </summary>
    public Callout Compose(ReadOnlySpan<RaceEvent> events, CalloutContext ctx)
    {
        if (events.IsEmpty) throw new ArgumentException("at least one event is needed", nameof(events));
        int top = MostImportant(events, -1);
        ref readonly RaceEvent main = ref events[top];

        _sb.Clear();
        if (!TryCompose(main.Kind, events.Slice(top, 1), ctx, secondary: false, _sb))
        {
            // Every kind has a phrasing that needs no facts; reaching here means the phrasebook lost it.
            throw new InvalidOperationException($"no phrasing for {main.Kind}");
        }

        int next = MostImportant(events, top);
        if (next >= 0 && events[next].Priority >= Priority.High && events[next].Kind != main.Kind && !EventCatalog.IsSpotter(main.Kind))
        {
            _clause.Clear();
            if (TryCompose(events[next].Kind, events.Slice(next, 1), ctx, secondary: true, _clause)
                && Callout.CountWords(_sb.ToString()) + Callout.CountWords(_clause.ToString()) <= MaxWords)
            {
                _sb.Append(' ').Append(_clause);
            }
        }

        string text = _sb.ToString();
        return new Callout(main.Kind, main.Priority, text, SpokenText.From(text), main.RaisedAt, main.ExpiresAt);
    }

    private static int MostImportant(ReadOnlySpan<RaceEvent> events, int exclude)
    {
        int best = -1;
        for (int i = 0; i < events.Length; i++)
        {
            if (i == exclude) continue;
            if (best < 0 || events[i].Priority > events[best].Priority) best = i;
        }
        return best;
    }

    private bool TryCompose(EventKind kind, ReadOnlySpan<RaceEvent> facts, CalloutContext ctx, bool secondary, StringBuilder into)
    {
        Phrase[] phrases = secondary ? _phrases.SecondaryFor(kind) : _phrases.For(kind);
        if (phrases.Length == 0) return false;

        // Best rank first (car-aware, then richest in facts); within a rank, rotate from a seeded start and skip
        // the phrasing said last time for this kind; a rank holding only that one yields to the next rank down.
        int last = secondary ? -1 : _lastPhrase[(int)kind];
        _usable.Clear();
        for (int i = 0; i < phrases.Length; i++)
        {
            if (Usable(phrases[i], facts, ctx)) _usable.Add(i);
        }
        int ceiling = int.MaxValue;
        while (true)
        {
            int level = -1;
            bool lower = false;
            foreach (int i in _usable)
            {
                int rank = phrases[i].Specificity;
                if (rank < ceiling && rank > level) level = rank;
            }
            if (level < 0) return false;
            _pool.Clear();
            foreach (int i in _usable)
            {
                int rank = phrases[i].Specificity;
                if (rank == level && i != last) _pool.Add(i);
                if (rank < level) lower = true;
            }
            if (_pool.Count == 0)
            {
                if (lower)
                {
                    ceiling = level;
                    continue;
                }
                _pool.Add(last); // the only thing that can be said; a repeat beats silence
            }

            int start = (int)(NextRandom() % (ulong)_pool.Count);
            for (int k = 0; k < _pool.Count; k++)
            {
                int index = _pool[(start + k) % _pool.Count];
                int mark = into.Length;
                if (!PhraseFiller.TryFill(phrases[index].Template, facts, ctx, into)) continue;
                if (Callout.CountWords(into.ToString(mark, into.Length - mark)) > MaxWords)
                {
                    into.Length = mark;
                    continue;
                }
                if (!secondary) _lastPhrase[(int)kind] = index;
                return true;
            }
            ceiling = level;
        }
    }

    private bool Usable(Phrase p, ReadOnlySpan<RaceEvent> facts, CalloutContext ctx)
    {
        CarTraits traits = ctx.Car.Traits;
        if ((traits & p.Requires) != p.Requires || (traits & p.Forbids) != 0) return false;
        if ((p.Conditions & PhraseCondition.Oval) != 0 && !ctx.Track.IsOval) return false;
        if ((p.Conditions & PhraseCondition.Road) != 0 && ctx.Track.IsOval) return false;
        if ((p.Conditions & (PhraseCondition.Late | PhraseCondition.NotLate)) != 0)
        {
            bool late = false;
            foreach (ref readonly var e in facts)
            {
                if (e.Facts.TryGet(FactKey.LapsRemaining, out double laps) && laps <= 3) late = true;
            }
            if ((p.Conditions & PhraseCondition.Late) != 0 && !late) return false;
            if ((p.Conditions & PhraseCondition.NotLate) != 0 && late) return false;
        }
        if ((p.Conditions & (PhraseCondition.FrontTyres | PhraseCondition.RearTyres)) != 0)
        {
            if (!TryGetAny(facts, FactKey.TyreCorner, out double corner)) return false;
            int tyre = (int)corner;
            bool front = tyre is 0 or 1 or -2 or -1;
            bool rear = tyre is 2 or 3 or -3 or -1;
            if ((p.Conditions & PhraseCondition.FrontTyres) != 0 && !front) return false;
            if ((p.Conditions & PhraseCondition.RearTyres) != 0 && !rear) return false;
        }
        foreach (var bound in p.Bounds)
        {
            if (!TryGetAny(facts, bound.Key, out double value) || !bound.Holds(value)) return false;
        }
        foreach (FactKey key in p.NeedsFacts)
        {
            if (!AnyHas(facts, key)) return false;
        }
        foreach (FactKey key in p.NeedsAbsent)
        {
            if (AnyHas(facts, key)) return false;
        }
        // Placeholders are checked by filling into a scratch buffer; cheap at a few phrasings per event.
        _probe.Clear();
        return PhraseFiller.TryFill(p.Template, facts, ctx, _probe);
    }

    private static bool TryGetAny(ReadOnlySpan<RaceEvent> events, FactKey key, out double value)
    {
        foreach (ref readonly var e in events)
        {
            if (e.Facts.TryGet(key, out value)) return true;
        }
        value = 0;
        return false;
    }

    private static bool AnyHas(ReadOnlySpan<RaceEvent> events, FactKey key)
    {
        foreach (ref readonly var e in events)
        {
            if (e.Facts.Contains(key)) return true;
        }
        return false;
    }

    /// <summary>Forgets which phrasings were said last, as at the start of a session.</summary>
    public void ResetVariety() => Array.Fill(_lastPhrase, -1);

    private ulong NextRandom()
    {
        // xorshift64*: deterministic for a seed, no allocation.
        _rng ^= _rng >> 12;
        _rng ^= _rng << 25;
        _rng ^= _rng >> 27;
        return _rng * 0x2545F4914F6CDD1DUL;
    }
}

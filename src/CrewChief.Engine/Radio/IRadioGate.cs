using CrewChief.Events;

namespace CrewChief.Radio;

/// <summary>What the director does with a callout while the driver is on the radio or has asked for quiet.</summary>
public enum RadioGateDecision : byte
{
    /// <summary>Say it now.</summary>
    Speak = 0,
    /// <summary>Not now (the driver is talking, or the car is in a corner): hand it to the gate, which posts it again when the moment comes.</summary>
    Hold = 1,
    /// <summary>Not at all (keep quiet, spotter off).</summary>
    Drop = 2,
}

/// <summary>
/// The one question the director asks the two-way radio before it speaks a callout. Kept this small on purpose:
/// the director is being rewritten, and this is the whole seam (one call before delivery, one to hand a held
/// callout back). Implementations answer in nanoseconds and never block.
/// </summary>
public interface IRadioGate
{
    /// <summary>Director thread: may <paramref name="e"/> be said now?</summary>
    RadioGateDecision Admit(in RaceEvent e);

    /// <summary>Director thread: keep <paramref name="e"/> until the gate opens (it is posted to the router again then, or expires).</summary>
    void Hold(in RaceEvent e);

    /// <summary>Director thread: <paramref name="text"/> was just said (for "say again").</summary>
    void Said(string text);
}

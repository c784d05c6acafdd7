namespace CrewChief.Radio;

/// <summary>One reply on the radio.</summary>
/// <param name="Intent">What it answers (None: not understood).</param>
/// <param name="Text">Written form, digits ("1.4 laps of fuel").</param>
/// <param name="Spoken">The same for the voice ("one point four laps of fuel").</param>
/// <param name="Known">False when the state lacks what was asked ("I don't have that yet") or nothing was understood.</param>
public sealed record RadioAnswer(RadioIntent Intent, string Text, string Spoken, bool Known);

namespace CrewChief.Radio;

/// <summary>One question and its answer, with what each stage took.</summary>
/// <param name="Heard">The recognised (or typed) text.</param>
/// <param name="Intent">What it was taken to mean (None: not understood).</param>
/// <param name="Answer">The reply.</param>
/// <param name="RecogniseMs">Speech → text (0 for typed text or an intent).</param>
/// <param name="AnswerMs">Text → composed, grounded answer.</param>
public sealed record RadioExchange(string Heard, RadioIntent Intent, RadioAnswer Answer, double RecogniseMs, double AnswerMs);

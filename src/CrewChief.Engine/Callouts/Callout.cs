using CrewChief.Events;

namespace CrewChief.Callouts;

/// <summary>
/// One thing to say: <see cref="Text"/> with digits for the screen and logs, <see cref="Spoken"/> with numbers
/// as words for the TTS.
/// </summary>
/// <param name="Kind">The event it speaks to.</param>
/// <param name="Priority">From the event; decides preemption in playback.</param>
/// <param name="Text">Written form ("Box this lap, 1.4 laps of fuel.").</param>
/// <param name="Spoken">The same sentence for speech ("Box this lap, one point four laps of fuel.").</param>
/// <param name="RaisedAt">Stopwatch timestamp of the tick that raised the event.</param>
/// <param name="ExpiresAt">Stopwatch timestamp past which it must not be spoken.</param>
public sealed record Callout(EventKind Kind, Priority Priority, string Text, string Spoken, long RaisedAt, long ExpiresAt)
{
    public bool IsExpired(long nowTimestamp) => nowTimestamp > ExpiresAt;

    public int WordCount => CountWords(Text);

    public static int CountWords(ReadOnlySpan<char> text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }
}

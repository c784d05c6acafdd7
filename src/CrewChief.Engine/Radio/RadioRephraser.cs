using System.Diagnostics;
using System.Text;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Pipeline;

namespace CrewChief.Radio;

/// <summary>
/// Lets the LLM say a grounded answer in its own words through the same path the callouts take: the answer goes to
/// the <see cref="ICalloutRewriter"/> (in the engine the LLM worker: its guard checks every clause against the
/// answer's facts, numbers only from facts, and falls back to the draft on any failure). The radio waits for the
/// verdict up to <see cref="Timeout"/>; the template answer is used on a fallback, a drop or a timeout.
/// Called under the station's lock (one question at a time).
/// </summary>
public sealed class RadioRephraser(ICalloutRewriter rewriter, TimeSpan timeout)
{
    public TimeSpan Timeout { get; } = timeout;

    public RadioAnswer Rephrase(RadioAnswer answer)
    {
        if (answer.Draft is not { } draft || !answer.Known) return answer;
        long now = Stopwatch.GetTimestamp();
        var callout = new Callout(draft.Event.Kind, draft.Event.Priority, answer.Text, answer.Spoken, now,
            now + (long)(Timeout.TotalSeconds * Stopwatch.Frequency));
        var voice = new AnswerVoice();
        RaceEvent e = draft.Event;
        rewriter.Submit(e, callout, draft.Facts, voice);
        if (!voice.Wait(Timeout))
        {
            // Too slow for a radio answer: stop the model, say the template. The late Done is ignored.
            rewriter.CancelInFlight();
            return answer with { LlmVerdict = "fallback:timeout", LlmMs = Stopwatch.GetElapsedTime(now).TotalMilliseconds };
        }
        double ms = voice.LlmMs > 0 ? voice.LlmMs : Stopwatch.GetElapsedTime(now).TotalMilliseconds;
        // Only a whole rewrite that passed the guard replaces the answer; a mixed or fallen-back one does not.
        if (voice.Source != "llm" || voice.Verdict != "grounded" || string.IsNullOrWhiteSpace(voice.Text))
            return answer with { LlmVerdict = voice.Verdict, LlmMs = ms };
        string text = voice.Text.Trim();
        return answer with { Text = text, Spoken = voice.Spoken(text), Source = "llm", LlmVerdict = voice.Verdict, LlmMs = ms };
    }

    /// <summary>Collects the clauses the guard let through and the verdict; set once.</summary>
    private sealed class AnswerVoice : ICalloutVoice
    {
        private readonly StringBuilder _spoken = new();
        // A monitor, not an event object: nothing to dispose, so a Done arriving after a timeout is harmless.
        private readonly object _gate = new();
        private bool _finished;
        public string? Source, Verdict, Text;
        public double LlmMs;

        public bool Wait(TimeSpan timeout)
        {
            long end = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            lock (_gate)
            {
                while (!_finished)
                {
                    long left = end - Environment.TickCount64;
                    if (left <= 0 || !Monitor.Wait(_gate, (int)left)) return _finished;
                }
                return true;
            }
        }

        public void Speak(string spoken)
        {
            lock (_spoken)
            {
                if (_spoken.Length > 0) _spoken.Append(' ');
                _spoken.Append(spoken);
            }
        }

        public void Done(string source, string verdict, string text, double llmMs, string? problem = null)
        {
            lock (_gate)
            {
                if (_finished) return;
                (Source, Verdict, Text, LlmMs) = (source, verdict, text, llmMs);
                _finished = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>The clauses as the rewriter voiced them, else the text's own spoken form.</summary>
        public string Spoken(string text)
        {
            lock (_spoken) return _spoken.Length > 0 ? _spoken.ToString() : SpokenText.From(text);
        }
    }
}

using CrewChief.Events;

namespace CrewChief.Llm;

/// <summary>
/// The words around the facts. The system prompt never changes, so its KV cache is computed once and reused;
/// everything that changes per event lives in <see cref="UserMessage"/>.
/// </summary>
public static class CalloutPrompt
{
    public const string System =
        "You are the race engineer on the radio to your driver during an iRacing race. " +
        "You get one event with its facts and a draft call. Say the draft better: one or two short plain English " +
        "sentences, at most 30 words, calm and direct, the most important fact first. " +
        "Use only the facts given. Never invent a number, a name, a position, a lap or a time; if unsure, keep the draft's words. " +
        "No lists, no markup, no greetings.";

    public static string UserMessage(in RaceEvent e, string draft) =>
        FactSheet.Build(e) + "\ndraft: " + draft;
}

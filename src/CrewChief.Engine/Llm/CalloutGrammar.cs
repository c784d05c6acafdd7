namespace CrewChief.Llm;

/// <summary>
/// The GBNF grammar every answer must match: one or two short plain English sentences, at most 15 words each
/// (30 in all), words of letters or plain numbers, commas between words, ending in . ! or ?. No markup, lists,
/// quotes, emojis or newlines can be sampled, and once the grammar is complete only end-of-generation remains,
/// so the model stops by itself.
/// </summary>
public static class CalloutGrammar
{
    public const string Gbnf = """
        root ::= sentence (" " sentence)?
        sentence ::= word (sep word){0,14} end
        sep ::= " " | ", "
        word ::= [A-Za-z] [A-Za-z']{0,13} | num
        num ::= [0-9]{1,3} ("." [0-9]{1,2})?
        end ::= "." | "!" | "?"
        """;
}

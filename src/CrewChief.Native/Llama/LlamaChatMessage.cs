namespace CrewChief.Native.Llama;

/// <summary>One turn for a chat template: "system", "user" or "assistant", and its text.</summary>
public readonly record struct LlamaChatMessage(string Role, string Content);

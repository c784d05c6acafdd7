namespace CrewChief.Events;

/// <summary>One typed fact: a key and its value in the key's unit.</summary>
public readonly record struct Fact(FactKey Key, double Value);

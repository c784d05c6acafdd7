namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// The seats a race is judged from, chosen from the timing alone and the same way for every race (no per-race
/// picks): the winner, the mid-field finisher of each class, a lapped finisher and a car that retired.
/// </summary>
internal static class Perspectives
{
    public static List<(string Car, string Role)> For(RaceTruth truth)
    {
        var final = truth.OfficialOrderAt(truth.End + 1);
        var finishers = final.Where(s => s.Car.Finished).Select(s => s.Car).ToList();
        var picks = new List<(string, string)>();
        void Pick(TruthCar? car, string role)
        {
            if (car is not null && picks.All(p => p.Item1 != car.Number)) picks.Add((car.Number, role));
        }
        var winner = final[0].Car;
        Pick(winner, "winner");
        foreach (string cls in truth.Classes)
        {
            var inClass = finishers.Where(c => c.Class == cls).ToList();
            if (inClass.Count > 0) Pick(inClass[inClass.Count / 2], $"mid-field {cls}");
        }
        var lapped = finishers.Where(c => c.LapsCompleted <= winner.LapsCompleted - 2).ToList();
        if (lapped.Count == 0) lapped = finishers.Where(c => c.LapsCompleted < winner.LapsCompleted).ToList();
        if (lapped.Count > 0) Pick(lapped[lapped.Count / 2], "lapped");
        var retired = truth.Cars.Where(c => !c.Finished && c.LapsCompleted >= winner.LapsCompleted / 5).OrderBy(c => c.LapsCompleted).ToList();
        if (retired.Count > 0) Pick(retired[retired.Count / 2], "retired");
        return picks;
    }
}

namespace Rammevaerk.Municipalities;

/// <summary>Reads shared/data/municipalities.csv: code,name,region,population_YYYY….</summary>
public static class MunicipalityCsv
{
    public static List<Municipality> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) throw new FormatException("municipalities.csv is empty");
        var header = lines[0].Split(',');
        if (header.Length < 3 || header[0] != "code" || header[1] != "name" || header[2] != "region")
        {
            throw new FormatException("municipalities.csv: expected the header code,name,region,population_YYYY…");
        }
        var years = header.Skip(3).Select(h => int.Parse(h["population_".Length..])).ToArray();
        var result = new List<Municipality>();
        for (var row = 1; row < lines.Length; row++)
        {
            var cells = lines[row].Split(',');
            if (cells.Length != header.Length) throw new FormatException($"municipalities.csv line {row + 1}: expected {header.Length} cells");
            var m = new Municipality { Code = int.Parse(cells[0]), Name = cells[1], Region = cells[2] };
            for (var i = 0; i < years.Length; i++)
            {
                if (int.TryParse(cells[3 + i], out var pop))
                {
                    m.Populations.Add(new MunicipalityPopulation { MunicipalityCode = m.Code, Year = years[i], Population = pop });
                }
            }
            result.Add(m);
        }
        return result;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Bus.Deployment.Tests.Support;

/// <summary>
/// .dockerignore as Docker applies it: patterns are relative to the context root, <c>*</c> and <c>?</c> stay within a
/// path segment, <c>**</c> spans segments, a later <c>!pattern</c> re-includes, and a path is excluded when it or one of
/// its parent directories matches.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules = [];

    private DockerIgnore(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..]).Trim().TrimStart('/').TrimEnd('/');
            _rules.Add((ToRegex(pattern), exclude));
        }
    }

    public static DockerIgnore Load() => new(File.ReadAllLines(Repository.PathOf(".dockerignore")));

    /// <summary>Whether <paramref name="path"/> (relative to the context root, '/'-separated) stays out of the context.</summary>
    public bool Excludes(string path)
    {
        var segments = path.Trim('/').Split('/');
        for (var i = 1; i <= segments.Length; i++)
        {
            if (Matches(string.Join('/', segments.Take(i))))
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(string path)
    {
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            if (pattern.IsMatch(path))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more directories.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}

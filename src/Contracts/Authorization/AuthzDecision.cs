namespace Mesh.Contracts.Authorization;

/// <summary>Evaluates a destination's policy for a caller: the rule that allows it, or why none does.</summary>
public static class AuthzDecision
{
    /// <summary>Null when allowed; otherwise the reason, naming what failed.</summary>
    public static string? Deny(AuthzPolicySpec? policy, string caller, string method, string path)
    {
        if (policy is null)
        {
            return null;
        }

        if (policy.Allow.IsEmpty)
        {
            return "the policy allows no caller";
        }

        var callerRules = policy.Allow.Where(r => r.From.Contains(AuthzPolicyDocuments.AnyCaller) || r.From.Contains(caller)).ToList();
        if (callerRules.Count == 0)
        {
            return $"no rule allows caller '{caller}'";
        }

        var methodRules = callerRules.Where(r => r.Methods.IsEmpty || r.Methods.Contains(method.ToUpperInvariant())).ToList();
        if (methodRules.Count == 0)
        {
            return $"no rule for caller '{caller}' allows method {method}";
        }

        return methodRules.Any(r => r.Paths.IsEmpty || r.Paths.Any(p => Matches(p, path)))
            ? null
            : $"no rule for caller '{caller}' and method {method} allows path {path}";
    }

    private static bool Matches(string pattern, string path) =>
        pattern.EndsWith('*') ? path.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, path, StringComparison.Ordinal);
}

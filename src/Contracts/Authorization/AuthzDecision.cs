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

        // Per request on the sidecar's hot path: find an allowing rule without allocating, explain only a denial.
        foreach (var rule in policy.Allow)
        {
            if (Allows(rule, caller, method, path))
            {
                return null;
            }
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

        return callerRules.Any(r => r.Methods.IsEmpty || r.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            ? $"no rule for caller '{caller}' and method {method} allows path {path}"
            : $"no rule for caller '{caller}' allows method {method}";
    }

    private static bool Allows(AuthzRule rule, string caller, string method, string path)
    {
        if (!rule.From.Contains(AuthzPolicyDocuments.AnyCaller) && !rule.From.Contains(caller))
        {
            return false;
        }

        if (!rule.Methods.IsEmpty && !rule.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (rule.Paths.IsEmpty)
        {
            return true;
        }

        foreach (var pattern in rule.Paths)
        {
            if (Matches(pattern, path))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string pattern, string path) =>
        pattern.EndsWith('*') ? path.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, path, StringComparison.Ordinal);
}

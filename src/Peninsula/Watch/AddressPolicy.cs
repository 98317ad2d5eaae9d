using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Peninsula.Watch;

/// <summary>
/// Which addresses Peninsula may connect to when it fetches a URL on someone's say-so: public
/// addresses only, unless private ones are allowed. Refused: every range of the IANA IPv4 and IPv6
/// Special-Purpose Address Registries, multicast, every IPv6 address outside global unicast
/// (2000::/3), the machine's own addresses, and the IPv6 forms that carry an IPv4 address (NAT64
/// 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::/96, IPv4-mapped ::ffff:0:0/96, SIIT
/// ::ffff:0:0:0/96) whenever the IPv4 address they carry would be refused. Checked on every
/// address a name resolves to before connecting, and again on the address connected to.
/// </summary>
public class AddressPolicy
{
    /// <summary>Public addresses only.</summary>
    public static readonly AddressPolicy PublicOnly = new(allowPrivate: false);

    /// <summary>Any address (<c>--allow-private</c>).</summary>
    public static readonly AddressPolicy AllowPrivate = new(allowPrivate: true);

    // The IANA IPv4 Special-Purpose Address Registry (as of 2025), plus multicast and broadcast.
    private static readonly (Network Network, string Reason)[] V4 =
    [
        (Network.Parse("0.0.0.0/8"), "an unspecified address"),
        (Network.Parse("10.0.0.0/8"), "a private address"),
        (Network.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
        (Network.Parse("127.0.0.0/8"), "a loopback address"),
        (Network.Parse("169.254.169.254/32"), "a cloud metadata address"),
        (Network.Parse("169.254.0.0/16"), "a link-local address"),
        (Network.Parse("172.16.0.0/12"), "a private address"),
        (Network.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (Network.Parse("192.0.2.0/24"), "a documentation address"),
        (Network.Parse("192.31.196.0/24"), "an AS112 address"),
        (Network.Parse("192.52.193.0/24"), "an AMT address"),
        (Network.Parse("192.88.99.0/24"), "a 6to4 relay address"),
        (Network.Parse("192.168.0.0/16"), "a private address"),
        (Network.Parse("192.175.48.0/24"), "an AS112 address"),
        (Network.Parse("198.18.0.0/15"), "a benchmarking address"),
        (Network.Parse("198.51.100.0/24"), "a documentation address"),
        (Network.Parse("203.0.113.0/24"), "a documentation address"),
        (Network.Parse("224.0.0.0/4"), "a multicast address"),
        (Network.Parse("240.0.0.0/4"), "a reserved address"),
    ];

    // The IANA IPv6 Special-Purpose Address Registry (as of 2025) where it lies inside 2000::/3;
    // everything outside 2000::/3 is refused anyway, except the forms that carry an IPv4 address.
    private static readonly (Network Network, string Reason)[] V6 =
    [
        (Network.Parse("2001::/23"), "an IETF protocol address (Teredo, benchmarking, ORCHID and others)"),
        (Network.Parse("2001:db8::/32"), "a documentation address"),
        (Network.Parse("2620:4f:8000::/48"), "an AS112 address"),
        (Network.Parse("3fff::/20"), "a documentation address"),
    ];

    private readonly bool _allowPrivate;

    /// <summary>Creates a policy.</summary>
    protected AddressPolicy(bool allowPrivate) => _allowPrivate = allowPrivate;

    /// <summary>Null when the endpoint may be connected to, else why not, in words.</summary>
    public virtual string? Refusal(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_allowPrivate)
        {
            return null;
        }

        return Classify(endpoint.Address) ?? (IsOwn(endpoint.Address) ? "an address of this machine" : null);
    }

    /// <summary>What is wrong with connecting to an address from a fetch on a user's behalf, or null for a public address.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an internet address";
        }

        var b = address.GetAddressBytes();
        if (Embedded(b) is { } embedded)
        {
            return ClassifyV4(embedded.V4) is { } reason ? $"{reason} ({embedded.Form} of {new IPAddress(embedded.V4)})" : null;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        if ((b[0] & 0xE0) != 0x20)
        {
            // Outside global unicast: link-local, unique local, site-local, multicast, discard-only,
            // local-use translation (64:ff9b:1::/48), SRv6 SIDs and what is not yet assigned.
            return b[0] == 0xFF ? "a multicast address"
                : (b[0] & 0xFE) == 0xFC ? "a private address"
                : b[0] == 0xFE && (b[1] & 0xC0) == 0x80 ? "a link-local address"
                : b[0] == 0xFE && (b[1] & 0xC0) == 0xC0 ? "a private address"
                : "a reserved address";
        }

        foreach (var (network, reason) in V6)
        {
            if (network.Contains(b))
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv6 address carries, and the form that carries it, or null.</summary>
    private static (byte[] V4, string Form)? Embedded(byte[] b)
    {
        bool Zero(int from, int to) => b.AsSpan(from, to - from).IndexOfAnyExcept((byte)0) < 0;
        var last = b[12..16];
        if (Zero(0, 10) && b[10] == 0xFF && b[11] == 0xFF)
        {
            return (last, "the IPv4-mapped form");
        }

        if (Zero(0, 8) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return (last, "the SIIT form");
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && Zero(4, 12))
        {
            return (last, "the NAT64 form");
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return (b[2..6], "the 6to4 form");
        }

        // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are themselves, not IPv4 addresses.
        return Zero(0, 12) && !Zero(12, 15) ? (last, "the IPv4-compatible form") : null;
    }

    private static string? ClassifyV4(byte[] v4)
    {
        if (v4 is [255, 255, 255, 255])
        {
            return "a broadcast address";
        }

        foreach (var (network, reason) in V4)
        {
            if (network.Contains(v4))
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>Whether an address is one of this machine's own (its host name resolves to them).</summary>
    private static bool IsOwn(IPAddress address)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Any(u => u.Address.Equals(address) || (address.IsIPv4MappedToIPv6 && u.Address.Equals(address.MapToIPv4())));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }

    /// <summary>An address block: a prefix and its length in bits.</summary>
    private readonly record struct Network(byte[] Prefix, int Bits)
    {
        public static Network Parse(string cidr)
        {
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            return new Network(IPAddress.Parse(cidr[..slash]).GetAddressBytes(), int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        public bool Contains(byte[] address)
        {
            if (address.Length != Prefix.Length)
            {
                return false;
            }

            var whole = Bits / 8;
            if (!address.AsSpan(0, whole).SequenceEqual(Prefix.AsSpan(0, whole)))
            {
                return false;
            }

            var rest = Bits % 8;
            var mask = (byte)(0xFF << (8 - rest));
            return rest == 0 || (address[whole] & mask) == (Prefix[whole] & mask);
        }
    }
}

package dev.renown.core.event;

import it.unimi.dsi.fastutil.bytes.ByteArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Interns account identities to dense ints in {@code [0, size())}, in order of first appearance,
 * and keeps what is known of each account (handle, display name, profile counts).
 *
 * <p>Interning happens once, while events load; everything downstream computes over ints.
 * Lookup is one small per-network hash map probe. Ids written as plain decimal numbers (SNAP,
 * Twitter and generated data) are kept as {@code long}s in a primitive map — one probe, no
 * string compared, 8 bytes each instead of a {@code String} — and spelled out again on request;
 * any other id is kept as its string. Not thread-safe while being filled.
 */
public final class AccountIndex {

    private final List<String> networks = new ArrayList<>();
    private final List<Object2IntOpenHashMap<String>> idsByNetwork = new ArrayList<>();
    private final List<Long2IntOpenHashMap> numericIdsByNetwork = new ArrayList<>();
    /** Each account's id, or null when it is {@link #numericId(String) numeric}. */
    private final ObjectArrayList<String> ids = new ObjectArrayList<>();
    /** Each account's numeric id, when {@link #ids} holds null. */
    private final LongArrayList numericIds = new LongArrayList();
    private final ByteArrayList networkOf = new ByteArrayList();
    private final ObjectArrayList<String> handles = new ObjectArrayList<>();
    private final ObjectArrayList<String> displayNames = new ObjectArrayList<>();
    private final LongArrayList followers = new LongArrayList();

    /** Number of distinct accounts. */
    public int size() {
        return ids.size();
    }

    /** Returns the index of the account, adding it if it is new. */
    public int intern(String network, String id) {
        return intern(network, numericId(id), id);
    }

    /**
     * Returns the index of the account given by its {@link #numericId numeric id} when it has one
     * ({@code number >= 0}; {@code id} may then be null), by its string id otherwise: a loader that
     * reads ids as numbers need not spell them out.
     */
    public int intern(String network, long number, String id) {
        int n = networkIndex(network, true);
        int index;
        if (number >= 0) {
            Long2IntOpenHashMap map = numericIdsByNetwork.get(n);
            index = map.get(number);
            if (index >= 0) {
                return index;
            }
            index = ids.size();
            map.put(number, index);
            ids.add(null);
            numericIds.add(number);
        } else {
            Object2IntOpenHashMap<String> map = idsByNetwork.get(n);
            index = map.getInt(id);
            if (index >= 0) {
                return index;
            }
            index = ids.size();
            map.put(id, index);
            ids.add(id);
            numericIds.add(-1);
        }
        networkOf.add((byte) n);
        handles.add(null);
        displayNames.add(null);
        followers.add(AccountProfile.UNKNOWN);
        return index;
    }

    /** The index of the account, if it is known. */
    public OptionalInt find(AccountKey account) {
        int n = networkIndex(account.network(), false);
        if (n < 0) {
            return OptionalInt.empty();
        }
        int index = indexIn(n, account.id());
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
    }

    private int indexIn(int network, String id) {
        long number = numericId(id);
        return number >= 0 ? numericIdsByNetwork.get(network).get(number) : idsByNetwork.get(network).getInt(id);
    }

    /**
     * The id as a number when it is written as one exactly — decimal digits, no sign, no leading
     * zero, at most 18 digits — so that {@link Long#toString(long)} gives it back; otherwise -1.
     */
    static long numericId(String id) {
        int length = id.length();
        if (length == 0 || length > 18 || (id.charAt(0) == '0' && length > 1)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int digit = id.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * Finds an account by {@code network:id}, by bare id when only one network is loaded, or by
     * handle (with or without '@', ignoring case).
     */
    public OptionalInt lookup(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon > 0 && networks.contains(trimmed.substring(0, colon))) {
            return find(new AccountKey(trimmed.substring(0, colon), trimmed.substring(colon + 1)));
        }
        for (int n = 0; n < networks.size(); n++) {
            int index = indexIn(n, trimmed);
            if (index >= 0) {
                return OptionalInt.of(index);
            }
        }
        String handle = trimmed.startsWith("@") ? trimmed.substring(1) : trimmed;
        for (int i = 0; i < handles.size(); i++) {
            if (handle.equalsIgnoreCase(handles.get(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Records what a profile tells; unknown accounts are added. */
    public void update(AccountProfile profile) {
        int index = intern(profile.account().network(), profile.account().id());
        if (profile.handle() != null) {
            handles.set(index, profile.handle());
        }
        if (profile.displayName() != null) {
            displayNames.set(index, profile.displayName());
        }
        if (profile.followers() != AccountProfile.UNKNOWN) {
            followers.set(index, profile.followers());
        }
    }

    public AccountKey key(int index) {
        return new AccountKey(networks.get(networkOf.getByte(index)), id(index));
    }

    public String id(int index) {
        String id = ids.get(index);
        return id != null ? id : Long.toString(numericIds.getLong(index));
    }

    /** The position of an account's network in {@link #networks()}. */
    public int networkOrdinal(int index) {
        return networkOf.getByte(index);
    }

    public String network(int index) {
        return networks.get(networkOf.getByte(index));
    }

    /** The handle, if a source gave one. */
    public Optional<String> handle(int index) {
        return Optional.ofNullable(handles.get(index));
    }

    /** The display name, if a source gave one. */
    public Optional<String> displayName(int index) {
        return Optional.ofNullable(displayNames.get(index));
    }

    /** The followers count from the latest profile seen, or {@link AccountProfile#UNKNOWN}. */
    public long followers(int index) {
        return followers.getLong(index);
    }

    /** Networks in order of first appearance. */
    public List<String> networks() {
        return List.copyOf(networks);
    }

    /**
     * A short label: the id alone when a single network is loaded, {@code network:id} otherwise,
     * followed by {@code (@handle)} when known.
     */
    public String label(int index) {
        String base = networks.size() == 1 ? id(index) : key(index).toString();
        String handle = handles.get(index);
        return handle == null ? base : base + " (@" + handle + ")";
    }

    private int networkIndex(String network, boolean create) {
        int n = networks.indexOf(network);
        if (n >= 0 || !create) {
            return n;
        }
        if (networks.size() == Byte.MAX_VALUE) {
            throw new IllegalStateException("more than " + Byte.MAX_VALUE + " networks");
        }
        Object2IntOpenHashMap<String> map = new Object2IntOpenHashMap<>();
        map.defaultReturnValue(-1);
        Long2IntOpenHashMap numeric = new Long2IntOpenHashMap();
        numeric.defaultReturnValue(-1);
        networks.add(network);
        idsByNetwork.add(map);
        numericIdsByNetwork.add(numeric);
        return networks.size() - 1;
    }
}

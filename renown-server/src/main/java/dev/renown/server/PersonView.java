package dev.renown.server;

import dev.renown.core.event.AccountKey;
import dev.renown.core.people.People;
import dev.renown.core.people.PersonScores;
import dev.renown.store.PersonLink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persons of the served day, scored on its view's board ({@link PersonScores}), with their
 * stored links: what the people endpoints read. Built whole and swapped in, like {@link ScoreView}.
 *
 * @param result  the persons, best first, and the board they were scored on (null without persons)
 * @param links   each person's stored links (who made each, and when), by person
 * @param personOf the person each linked account belongs to
 */
record PersonView(PersonScores.Result result, Map<String, List<PersonLink>> links, Map<AccountKey, String> personOf,
                  Map<String, PersonScores.PersonScore> byPerson) {

    static final PersonView EMPTY = new PersonView(null, Map.of(), Map.of(), Map.of());

    /** The persons of {@code links}, scored on {@code view}'s board. */
    static PersonView of(ScoreView view, List<PersonLink> links) {
        if (links.isEmpty() || view.isEmpty()) {
            return links.isEmpty() ? EMPTY : new PersonView(null, group(links), personOf(links), Map.of());
        }
        People.Builder b = People.builder();
        for (PersonLink l : links) {
            b.link(l.person(), l.account());
        }
        PersonScores.Result result = PersonScores.score(view.board(), b.build());
        Map<String, PersonScores.PersonScore> byPerson = new HashMap<>();
        result.persons().forEach(p -> byPerson.put(p.person(), p));
        return new PersonView(result, group(links), personOf(links), byPerson);
    }

    private static Map<String, List<PersonLink>> group(List<PersonLink> links) {
        Map<String, List<PersonLink>> byPerson = new java.util.LinkedHashMap<>();
        links.forEach(l -> byPerson.computeIfAbsent(l.person(), k -> new java.util.ArrayList<>()).add(l));
        return byPerson;
    }

    private static Map<AccountKey, String> personOf(List<PersonLink> links) {
        Map<AccountKey, String> m = new HashMap<>();
        links.forEach(l -> m.put(l.account(), l.person()));
        return m;
    }

    /** The persons, best first; none when nothing is scored. */
    List<PersonScores.PersonScore> ranked() {
        return result == null ? List.of() : result.persons();
    }

    Optional<PersonScores.PersonScore> person(String person) {
        return Optional.ofNullable(byPerson.get(person));
    }
}

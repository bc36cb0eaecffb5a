/**
 * People: accounts on different networks grouped as one person, and the person's score combined
 * from its accounts' (issue 12).
 */
package dev.renown.core.people;

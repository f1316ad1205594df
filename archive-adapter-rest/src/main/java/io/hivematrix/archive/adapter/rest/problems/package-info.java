/** Every error as {@code application/problem+json}: the problem bodies and the last-resort handler for unexpected failures. */
package io.hivematrix.archive.adapter.rest.problems;

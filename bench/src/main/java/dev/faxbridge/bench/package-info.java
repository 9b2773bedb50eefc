/**
 * The benchmark: how close faxbridge drains a backlog to the bound RingCentral's rate limits set,
 * next to the loop RingCentral's samples show with the official SDK; how many idle tenants one node
 * polls; how flat memory stays with a large document. Everything runs on loopback against the
 * emulator; faxbridge runs as its own JVM so its CPU and memory are measured alone. {@link
 * BenchMain} is the one command; every figure it prints is measured in that run.
 */
package dev.faxbridge.bench;

package dev.governor;
public final class Main { public static void main(String[] a) {} }

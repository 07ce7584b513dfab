// Public API of this feature, listed by hand.
export {};

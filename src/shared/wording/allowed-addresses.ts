/** A key's allowed addresses in the product's words, alike in the details drawer and the inventory export. */

/** A key without a list (`allowedAddresses: null`): never an empty cell, which could read as "no address allowed". */
export const FROM_ANY_ADDRESS = 'From any address';

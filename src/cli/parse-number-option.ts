import { InvalidArgumentError } from 'commander';

/** Commander option parser for whole numbers in a range, with a message that names the bounds. */
export function integerOption(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    }
    return parsed;
  };
}

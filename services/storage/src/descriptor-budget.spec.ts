import { DescriptorBudget } from './descriptor-budget';

describe('DescriptorBudget', () => {
  it('gives what is left of its limit, at most what is asked, and takes back what is given back', () => {
    const budget = new DescriptorBudget(10);
    expect(budget.take(4)).toBe(4);
    expect(budget.take(8)).toBe(6);
    expect(budget.take(1)).toBe(0);
    budget.giveBack(3);
    expect(budget.take(5)).toBe(3);
  });
});

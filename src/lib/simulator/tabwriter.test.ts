import { describe, it, expect } from 'vitest';
import { alignTabs, DESCRIBE_TABWRITER, GET_TABWRITER } from './tabwriter.ts';

describe('alignTabs (Go text/tabwriter)', () => {
  it('cuts a column block where a line has no cell in that column', () => {
    // Go src/text/tabwriter/example_test.go Example_trailingTab (padding 3), laid out left-aligned with spaces:
    // the third line's last text is not tab-terminated, so it belongs to no column and splits column 2 in two blocks.
    const text = 'a\tb\taligned\t\naa\tbb\taligned\t\naaa\tbbb\tunaligned\naaaa\tbbbb\taligned\t\n';
    expect(alignTabs(text, { minwidth: 0, padding: 3 })).toBe(
      'a      b      aligned   \n' + 'aa     bb     aligned   \n' + 'aaa    bbb    unaligned\n' + 'aaaa   bbbb   aligned   \n',
    );
  });

  it('lays out kubectl get tables with padding 3 and minwidth 6', () => {
    // kubectl pkg/cmd/get/get_test.go TestGetObjects: "NAME   AGE\nfoo    <unknown>\n".
    expect(alignTabs('NAME\tAGE\nfoo\t<unknown>\n', GET_TABWRITER)).toBe('NAME   AGE\nfoo    <unknown>\n');
    // A column whose cells are narrower than 3 characters is still 6 wide (tabwriterMinWidth).
    expect(alignTabs('a\tb\n', GET_TABWRITER)).toBe('a     b\n');
  });

  it('lays out describe text with padding 2, keeping the padding of cells before an empty last cell', () => {
    // describe.go prints `Name:\t%s\n` lines; an empty value still pads its label cell (real kubectl leaves `IP:   ` padded).
    expect(alignTabs('Name:\tweb\nIP:\t\nIPs:\n  IP:\t10.0.0.1\n', DESCRIBE_TABWRITER)).toBe('Name:  web\nIP:    \nIPs:\n  IP:  10.0.0.1\n');
  });

  it('stays linear on hostile input: 100 000 columns on one line and 20 000 one-column lines', () => {
    const wide = `${'x\t'.repeat(100_000)}end\n`;
    const out = alignTabs(wide, GET_TABWRITER);
    expect(out).toBe(`${'x     '.repeat(100_000)}end\n`);
    const tall = 'k\tv\n'.repeat(20_000);
    expect(alignTabs(tall, DESCRIBE_TABWRITER)).toBe('k  v\n'.repeat(20_000));
  });
});

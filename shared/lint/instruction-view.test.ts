import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, viewOf } from './dockerfile-model';

const corpusDir = join(import.meta.dirname, '../../e2e/fixtures/dockerfiles');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.Dockerfile'))
  .map((f) => readFileSync(join(corpusDir, f), 'latin1'));

/** The view must read every instruction exactly as dockerfile-ast's own (slower) calls do. */
function expectSameAsDockerfileAst(text: string): void {
  const model = parseDockerfile(text);
  for (const instruction of model.instructions) {
    const view = viewOf(model, instruction);
    expect(view.keyword).toBe(instruction.getKeyword());
    expect(view.values).toEqual(instruction.getArguments().map((a) => a.getValue()));
    expect(view.content).toBe(instruction.getArgumentsContent());
  }
}

describe('instruction views read arguments like dockerfile-ast', () => {
  it.each(corpus.map((text, i) => [i, text]))('corpus file %i, with LF, CRLF and CR line breaks', (_i, text) => {
    expectSameAsDockerfileAst(text);
    expectSameAsDockerfileAst(text.replace(/\n/g, '\r\n'));
    expectSameAsDockerfileAst(text.replace(/\n/g, '\r'));
  });

  it('hand-picked edge cases', () => {
    for (const text of [
      'RUN a--b --c d\nCOPY --from=x --chown=1:1 a b\nFROM --platform=p img AS s\nHEALTHCHECK --interval=5s CMD true\n',
      'RUN\nRUN --mount=type=secret,id=x\nCOPY\t a\t\tb \nLABEL a=b c="d e"\nENV X 1\nUSER\t1001\t\n',
      '# escape=`\nRUN echo \\ a `\n  b\nCOPY a\\b c\n',
      'RUN echo \\ a\nRUN a \\\n # c\n  b \\ \n\n  c\nRUN <<EOF\nx\nEOF\n',
      '  RUN   indented   \nonbuild run x\nCMD ["a", "b"]\nCMD [ ]\n\uFEFFRUN x',
    ]) {
      expectSameAsDockerfileAst(text);
      expectSameAsDockerfileAst(text.replace(/\n/g, '\r\n'));
    }
  });

  it('any instruction-shaped text', () => {
    const keyword = fc.constantFrom('RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'LABEL', 'ENV', 'ARG', 'USER', 'WORKDIR', 'ONBUILD', 'EXPOSE', 'run', 'Foo');
    const piece = fc.constantFrom(' ', '\t', '  ', '\\', '`', '\\\n', '\\ \n', '\r\n', '\n', '#', '# c\n', '--flag=1', '--x', 'a--b', 'word', '"q u"', "'s'", '[', '"a",', ']', '=', '$X', '<<EOF', 'EOF', '\u00e9');
    const line = fc.tuple(keyword, fc.array(piece, { maxLength: 10 })).map(([k, ps]) => `${k}${ps.join('')}`);
    const directive = fc.constantFrom('', '# escape=`\n', '# escape=\\\n');
    fc.assert(
      fc.property(directive, fc.array(line, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n', '\r'), (head, lines, eol) => {
        expectSameAsDockerfileAst(`${head}${lines.join(eol)}`);
      }),
      { numRuns: 3000 },
    );
  });
});

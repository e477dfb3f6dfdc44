throw new Error('the "kapi" field must win over "main"');

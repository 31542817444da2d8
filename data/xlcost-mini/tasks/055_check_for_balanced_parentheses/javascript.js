// Function to check if the brackets in the expression are balanced
function areBracketsBalanced(expr) {
    let stack = [];
    // Traversing the expression
    for (let i = 0; i < expr.length; i++) {
        let ch = expr[i];
        // Push an opening bracket onto the stack
        if (ch == '(' || ch == '{' || ch == '[') {
            stack.push(ch);
        } else {
            // A closing bracket needs a matching opening bracket, so the stack cannot be empty
            if (stack.length == 0)
                return false;
            let top = stack.pop();
            // Check that the popped bracket matches the current closing bracket
            if ((top == '(' && ch != ')') || (top == '{' && ch != '}') || (top == '[' && ch != ']'))
                return false;
        }
    }
    // The expression is balanced only if no opening bracket is left
    return stack.length == 0;
}

// Driver code
for (let expr of ["{()}[]", "[(])"]) {
    if (areBracketsBalanced(expr))
        console.log("Balanced");
    else
        console.log("Not Balanced");
}

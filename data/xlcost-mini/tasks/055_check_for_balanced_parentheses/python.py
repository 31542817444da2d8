# Function to check if the brackets in the expression are balanced
def areBracketsBalanced(expr):
    stack = []
    # Traversing the expression
    for i in range(len(expr)):
        ch = expr[i]
        # Push an opening bracket onto the stack
        if ch == "(" or ch == "{" or ch == "[":
            stack.append(ch)
        else:
            # A closing bracket needs a matching opening bracket, so the stack cannot be empty
            if len(stack) == 0:
                return False
            top = stack.pop()
            # Check that the popped bracket matches the current closing bracket
            if (top == "(" and ch != ")") or (top == "{" and ch != "}") or (top == "[" and ch != "]"):
                return False
    # The expression is balanced only if no opening bracket is left
    return len(stack) == 0


# Driver code
for expr in ["{()}[]", "[(])"]:
    if areBracketsBalanced(expr):
        print("Balanced")
    else:
        print("Not Balanced")
